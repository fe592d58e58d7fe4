import { describe, expect, it } from 'vitest'

import { explore } from '../engine'
import { program } from './helpers'
import { MATRIX } from './matrix'

/** What a verdict is made of: reachability, the shortest schedule's length, the counts. */
function verdicts(r: ReturnType<typeof explore>) {
  return {
    complete: r.complete,
    errors: r.errors.map((e) => e.message),
    interleavings: r.interleavings,
    broken: r.broken,
    // A livelock's witness is some fair cycle, not a shortest one: only its existence is compared.
    outcomes: r.outcomes.map((o) => [o.id, o.reachable, o.cycle ? null : o.steps, o.interleavings]),
  }
}

describe('the dead-variable reduction is exact', () => {
  for (const [id, toggles] of MATRIX)
    it(`${id} with ${toggles.join(' + ') || 'no toggle'}: same verdicts, lengths and counts`, () => {
      const full = explore(program(id, toggles), { deadLocals: false })
      const dead = explore(program(id, toggles))
      expect(verdicts(dead)).toEqual(verdicts(full))
      expect(dead.states).toBeLessThanOrEqual(full.states)
    })
})
