import { describe, expect, it } from 'vitest'

import { enabledThreads, outcomesAt as interpreterOutcomes } from '../engine'
import { RowJudge } from '../engine/explore/rowJudge'
import { StateTable } from '../engine/explore/stateTable'
import { TransitionCache } from '../engine/explore/transitions'
import { program } from './helpers'
import { MATRIX } from './matrix'

/** The judge's answers at state `i`, copied out of its reused buffers. */
const enabledAt = (judge: RowJudge, i: number): number[] =>
  Array.from(judge.enabledBuf.subarray(0, judge.enabledInto(i, judge.enabledBuf)))
const outcomesAt = (judge: RowJudge, i: number, terminal: boolean): number[] =>
  Array.from(judge.hits.subarray(0, judge.outcomesInto(i, terminal)))

/** How many states of each set are judged both ways (breadth-first from the start). */
const STATES = 4000

describe('RowJudge', () => {
  it.each(MATRIX.map(([id, toggles]) => [`${id} ${toggles.join(',') || '-'}`, id, toggles] as const))(
    'answers enabled threads and outcomes as the interpreter does on every state: %s',
    (_, id, toggles) => {
      const p = program(id, toggles)
      const table = new StateTable()
      const steps = new TransitionCache(p, table)
      table.internRoot(p.initial)
      const judge = new RowJudge(p, table)
      const letters = p.threads.map((t) => t.letter)
      const seen = new Set<string>()
      for (let i = 0; i < table.size && i < STATES; i++) {
        const s = table.state(i)
        const enabled = enabledThreads(p, s)
        expect(enabledAt(judge, i).map((k) => letters[k])).toEqual(enabled)
        const hits = interpreterOutcomes(p, s, enabled)
        expect(outcomesAt(judge, i, enabled.length === 0).map((k) => judge.ids[k])).toEqual(hits)
        for (const o of hits) seen.add(o)
        for (const t of enabled) steps.step(i, t, letters.indexOf(t))
      }
      // Something was judged: every set reaches at least one outcome within these states.
      expect(seen.size).toBeGreaterThan(0)
    }
  )

  it('answers from the row: a State is built only when a leaf meets a part it has not seen', () => {
    const p = program('device-private-fault-livelock', ['three-threads'])
    const table = new StateTable()
    const steps = new TransitionCache(p, table)
    table.internRoot(p.initial)
    const judge = new RowJudge(p, table)
    let built = 0
    const state = table.state.bind(table)
    table.state = (id) => {
      built++
      return state(id)
    }
    for (let i = 0; i < table.size && i < 20_000; i++) {
      const enabled = enabledAt(judge, i)
      outcomesAt(judge, i, enabled.length === 0)
      for (const k of enabled) steps.step(i, p.threads[k]?.letter as string, k)
    }
    expect(table.size).toBeGreaterThan(19_000)
    // The judge's own builds (the interpreted steps build theirs too): a few per thousand states.
    expect(built - steps.ran).toBeLessThan(table.size / 100)
    // Most steps are answered by the pair memo, without reading a cell.
    expect(steps.remembered).toBeGreaterThan(steps.asked / 2)
  })
})
