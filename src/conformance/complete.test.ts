import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import {
  complete,
  describeEnding,
  enabledThreads,
  parseSchedule,
  stateKey,
  type Completed,
  type Program,
  type State,
} from '../engine'
import { withoutDead } from '../engine/explore/liveness'
import { MATRIX } from './matrix'
import { program } from './helpers'

/** Every step of the run was taken by a thread that could run in the state before it. */
function neverRunsBlocked(p: Program, c: Completed): void {
  c.records.forEach((r, i) => {
    expect(enabledThreads(p, c.states[i] as never), `step ${String(i + 1)}`).toContain(r.thread)
  })
}

/** The run ends where it says: terminal, a repeated state, or (never expected here) the bound. */
function endsDefinitely(p: Program, c: Completed): void {
  const last = c.states[c.states.length - 1]
  if (!last) throw new Error('no state')
  const e = c.ending
  if (e.kind === 'finished' || e.kind === 'deadlock') {
    expect(enabledThreads(p, last)).toEqual([])
    if (e.kind === 'deadlock') expect(c.outcomes).toContain('deadlock')
  } else if (e.kind === 'cycle' || e.kind === 'livelock') {
    // The same situation: the same state up to locals no later step reads.
    const key = (x: State) => stateKey(withoutDead(p, x))
    expect(key(c.states[e.from] as State)).toBe(key(last))
    if (e.kind === 'livelock') expect(c.outcomes).toContain('livelock')
  } else throw new Error(`no definite end: ${describeEnding(p, c)}`)
}

describe('the completion policy', () => {
  it('ends every reported interleaving under every toggle set in an outcome, a cycle or a deadlock', () => {
    for (const [id, toggles] of MATRIX) {
      const p = program(id, toggles)
      const c = complete(p, 'reported')
      neverRunsBlocked(p, c)
      endsDefinitely(p, c)
      // The steps the requested order could not run are each said, with the reason.
      for (const d of c.dropped) expect(d.message).toMatch(/^step \d+: [A-Z] (is|has) /)
      expect(c.requested + c.dropped.length).toBe(parseSchedule(p.scenario.reported.schedule).length)
    }
  })

  it('is deterministic: the same order gives the same run', () => {
    const p = program('gup-fast-vs-thp-collapse', ['gup-pmd-recheck'])
    const a = complete(p, 'reported')
    const b = complete(p, 'reported')
    expect(b.executed).toEqual(a.executed)
    expect(b.dropped).toEqual(a.dropped)
    expect(b.ending).toEqual(a.ending)
  })

  it('keeps a run that needs no help as it is', () => {
    const p = program('gup-fast-vs-thp-collapse')
    const c = complete(p, 'reported')
    expect(c.dropped).toEqual([])
    expect(c.requested).toBe(c.records.length)
    expect(c.ending).toEqual({ kind: 'finished' })
  })

  it('drops a slot that asks a waiting thread to run, says why, and completes with the last thread first', () => {
    const p = program('gup-fast-vs-thp-collapse', ['gup-pmd-recheck'])
    const c = complete(p, 'reported')
    expect(c.dropped[0]?.message).toBe('step 40: C is sleeping in wait_for_completion(gup_done)')
    expect(c.records.length).toBeGreaterThan(c.requested)
    // After the order runs out, the thread that ran last keeps going while it can.
    const lastRequested = c.records[c.requested - 1]?.thread
    const firstCompleted = c.records[c.requested]?.thread
    if (lastRequested && enabledThreads(p, c.states[c.requested] as never).includes(lastRequested))
      expect(firstCompleted).toBe(lastRequested)
  })

  it('stops at a livelock the order closes, and completes fairly into one otherwise', () => {
    const p = program('device-private-fault-livelock')
    const c = complete(p, 'reported')
    expect(c.ending.kind).toBe('livelock')
    expect(c.records.length).toBe(c.requested)
  })

  it('says a cycle of threads that loop forever is a cycle, not a hang', () => {
    const p = program('migration-vs-shmem-fault')
    const c = complete(p, 'reported')
    expect(c.ending.kind).toBe('cycle')
    expect(describeEnding(p, c)).toMatch(/would repeat forever/)
  })

  test.prop(
    [fc.constantFrom(...MATRIX), fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { maxLength: 80 })],
    { numRuns: 60 }
  )('any order of letters ends definitely and never runs a blocked thread', ([id, toggles], letters) => {
    const p = program(id, toggles)
    const known = new Set(p.threads.map((t) => t.letter))
    const c = complete(
      p,
      letters.filter((l) => known.has(l))
    )
    neverRunsBlocked(p, c)
    endsDefinitely(p, c)
  })
})
