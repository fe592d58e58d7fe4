import { describe, expect, it } from 'vitest'

import { explore, isLivelock } from '../engine'
import { program, verdicts, witnessesReplay } from './helpers'
import { MATRIX } from './matrix'

describe('every reduction answers as the full graph does', () => {
  for (const [id, toggles] of MATRIX)
    it(`${id} with ${toggles.join(' + ') || 'no toggle'}`, () => {
      const full = explore(program(id, toggles), { deadLocals: false, symmetry: false })
      // Dead variables and symmetry, each alone and both (the default): exact, so verdicts,
      // lengths and counts are the full graph's.
      for (const opts of [{ symmetry: false }, { deadLocals: false }, {}]) {
        const r = explore(program(id, toggles), opts)
        expect(verdicts(r)).toEqual(verdicts(full))
        if (r.symmetry === 1)
          expect(r.errors.map((e) => e.message)).toEqual(full.errors.map((e) => e.message))
        expect(r.states).toBeLessThanOrEqual(full.states)
        witnessesReplay(program(id, toggles), r)
      }
      // Partial-order, alone and with dead variables: the same reachable outcomes (it is not
      // used for livelock questions, and does not count).
      // A livelock question is never answered with it: nothing to compare there.
      if (program(id).scenario.outcomes.some(isLivelock)) return
      for (const deadLocals of [false, true]) {
        const por = explore(program(id, toggles), { reduce: true, deadLocals, symmetry: deadLocals })
        expect(por.outcomes.map((o) => [o.id, o.reachable])).toEqual(
          full.outcomes.map((o) => [o.id, o.reachable])
        )
        if (por.reduced) witnessesReplay(program(id, toggles), por)
      }
    })
})
