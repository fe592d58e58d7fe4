import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import {
  enabledThreads,
  explore,
  isLivelock,
  replay,
  runStep,
  StepError,
  type Program,
  type State,
} from '../engine'
import { outcomesAt } from '../engine/interp/outcomes'
import { renameState, same, symmetryOf } from '../engine/explore/symmetry'
import { program, verdicts, witnessesReplay } from './helpers'
import { BLOCKS, randomRace } from './symmetryRaces'

/**
 * The property symmetry rests on, checked state by state: for every permutation g of the group,
 * every reachable state s and every thread t, running g(t) in g·s gives g·(running t in s), and
 * g·s has the same enabled threads (renamed) and outcomes.
 */
function commutes(p: Program, limit: number): number {
  const sym = symmetryOf(p)
  if (!sym) return 0
  const seen = new Set<string>([JSON.stringify(p.initial)])
  const queue: State[] = [p.initial]
  let checked = 0
  for (let i = 0; i < queue.length && i < limit; i++) {
    const s = queue[i] as State
    const enabled = enabledThreads(p, s)
    for (const g of sym.perms) {
      const gs = renameState(s, g, sym.letters)
      const letter = (t: string) => g.letters.get(t) ?? t
      expect(enabledThreads(p, gs).sort()).toEqual(enabled.map(letter).sort())
      expect(outcomesAt(p, gs, enabledThreads(p, gs)).sort()).toEqual(outcomesAt(p, s, enabled).sort())
      for (const t of enabled) {
        let a: State | string
        let b: State | string
        try {
          a = renameState(runStep(p, s, t).state, g, sym.letters)
        } catch (e) {
          if (!(e instanceof StepError)) throw e
          a = 'error'
        }
        try {
          b = runStep(p, gs, letter(t)).state
        } catch (e) {
          if (!(e instanceof StepError)) throw e
          b = 'error'
        }
        expect(same(a, b), `${t} then ${[...g.letters].join(',')}`).toBe(true)
        checked++
      }
    }
    for (const t of enabled) {
      try {
        const n = runStep(p, s, t).state
        const k = JSON.stringify(n)
        if (!seen.has(k)) {
          seen.add(k)
          queue.push(n)
        }
      } catch (e) {
        if (!(e instanceof StepError)) throw e
      }
    }
  }
  return checked
}

describe('symmetry: which threads are interchangeable', () => {
  it('finds every permutation of the faulting threads of the device-private race', () => {
    const size = (t: string[]) => symmetryOf(program('device-private-fault-livelock', t))?.perms.length
    expect(size([])).toBe(2)
    expect(size(['three-threads'])).toBe(6)
    // The device page is called D, like thread D: letters and names are renamed apart.
    expect(size(['four-threads'])).toBe(24)
  })

  it('keeps only the permutations an outcome allows', () => {
    const p = program('device-private-fault-livelock', ['four-threads'])
    const outcomes = p.scenario.outcomes.map((o) =>
      o.id === 'all-read' ? { ...o, predicate: { all: [{ finished: 'A' }, { finished: 'B' }] } } : o
    )
    const sym = symmetryOf({ ...p, scenario: { ...p.scenario, outcomes } })
    // {A, B} and {C, D} may each swap, but A never becomes C.
    expect(sym?.perms.map((g) => g.to.join('')).sort()).toEqual(['0123', '0132', '1023', '1032'])
  })

  it('finds none among threads with different programs', () => {
    expect(symmetryOf(program('migration-vs-shmem-fault'))).toBeNull()
    expect(symmetryOf(program('gup-fast-vs-thp-collapse'))).toBeNull()
  })
})

describe('symmetry: the reduced graph answers as the full graph does', () => {
  const sets: string[][] = [
    [],
    ['three-threads'],
    ['three-threads', 'trylock-fault-page'],
    ['four-threads', 'trylock-fault-page'],
    ['four-threads', 'migration-entry-in-fault'],
  ]
  for (const toggles of sets)
    it(`device-private-fault-livelock with ${toggles.join(' + ') || 'no toggle'}`, () => {
      const p = program('device-private-fault-livelock', toggles)
      const full = explore(p, { symmetry: false })
      const sym = explore(p)
      expect(sym.symmetry).toBeGreaterThan(1)
      expect(verdicts(sym)).toEqual(verdicts(full))
      expect(sym.states).toBeLessThan(full.states)
      witnessesReplay(p, sym)
    })

  it('the device-private steps commute with every permutation (three threads)', () => {
    expect(commutes(program('device-private-fault-livelock', ['three-threads']), 400)).toBeGreaterThan(1000)
  })
})

describe('symmetry on random races of interchangeable threads', () => {
  test.prop(
    [
      fc.array(fc.constantFrom(...Object.keys(BLOCKS).filter((b) => b !== 'put')), {
        minLength: 1,
        maxLength: 5,
      }),
      fc.integer({ min: 2, max: 3 }),
      fc.integer({ min: 0, max: 2 }),
    ],
    { numRuns: 60 }
  )('same verdicts, counts and replayable witnesses; steps commute', (blocks, threads, outcome) => {
    const p = randomRace(blocks, threads, outcome)
    const full = explore(p, { symmetry: false })
    const sym = explore(p)
    expect(verdicts(sym)).toEqual(verdicts(full))
    // (A thread whose next step is a model error has no edge in the graph, but a replay counts
    // it as runnable: a livelock witness there is not a fair run. The blocks make no such error.)
    expect(full.errors).toEqual([])
    witnessesReplay(p, sym)
    // An outcome naming A's own mark leaves A alone: only B and C may swap.
    if (outcome === 2 && blocks.includes('own')) expect(sym.symmetry).toBe(threads === 3 ? 2 : 1)
    else expect(sym.symmetry).toBe(threads === 3 ? 6 : 2)
    commutes(p, 300)
    // With the partial-order reduction too (it answers no livelock question, so without that
    // outcome): the same reachable outcomes, by schedules that replay.
    const safety = {
      ...p,
      scenario: { ...p.scenario, outcomes: p.scenario.outcomes.filter((o) => !isLivelock(o)) },
    }
    const por = explore(safety, { reduce: true })
    expect(por.reduced).toBe(true)
    expect(por.outcomes.map((o) => [o.id, o.reachable])).toEqual(
      explore(safety, { symmetry: false }).outcomes.map((o) => [o.id, o.reachable])
    )
    witnessesReplay(safety, por)
  })
})

describe('symmetry and model errors', () => {
  it('reports each error as the real run meets it, with the real thread and step', () => {
    const p = randomRace(['set', 'put'], 3, 1)
    const full = explore(p, { symmetry: false })
    const sym = explore(p)
    expect(sym.symmetry).toBe(6)
    expect(sym.errors.length).toBeGreaterThan(0)
    const messages = full.errors.map((e) => e.message)
    for (const e of sym.errors) {
      expect(messages).toContain(e.message)
      expect(replay(p, e.schedule).error?.message).toContain(e.message)
    }
    // Not every message names thread A: the representative's letters were turned back.
    expect(sym.errors.some((e) => !e.message.includes('(A)'))).toBe(true)
  })
})
