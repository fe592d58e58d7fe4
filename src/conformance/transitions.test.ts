import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import { enabledThreads, runStep, stateKey, type Program } from '../engine'
import { StateTable } from '../engine/explore/stateTable'
import { TransitionCache } from '../engine/explore/transitions'
import { program, walkTable } from './helpers'

/** One program per seed race, with toggles that bring in the IOMMU, RCU and a third thread. */
const programs: Program[] = [
  program('gup-fast-vs-thp-collapse', ['table-sync-ipi']),
  program('migration-vs-shmem-fault', ['pte-invalid-not-none']),
  program('exec-stack-vs-migration', ['mm-seqcount']),
  program('device-private-fault-livelock', ['three-threads']),
  program('retract-pt-vs-uffd-copy', ['iommu', 'mmu-notifier', 'uffd-wp-writer']),
]

const index = (p: Program, t: string) => p.threads.findIndex((x) => x.letter === t)

describe('TransitionCache', () => {
  test.prop(
    [
      fc.nat(programs.length - 1),
      fc.array(fc.array(fc.nat(5), { maxLength: 60 }), { minLength: 1, maxLength: 8 }),
    ],
    { numRuns: 60 }
  )('replays a step to the state runStep builds, from every state a walk meets', (which, walks) => {
    const p = programs[which] as Program
    const table = new StateTable()
    const cache = new TransitionCache(p, table)
    walkTable(p, table, walks, (at, s, t, en) => {
      // Every enabled thread, not just the walk's: the cache must be right from any state.
      for (const u of en) {
        const direct = runStep(p, s, u, false)
        const to = cache.step(at, u, index(p, u))
        expect(stateKey(table.state(to))).toBe(stateKey(direct.state))
        expect([cache.lastKind, cache.lastStepId]).toEqual([direct.record.kind, direct.record.stepId])
      }
      return cache.step(at, t, index(p, t))
    })
  })

  it('interprets a step only the first time it meets its thread state and the cells it reads', () => {
    const p = program('device-private-fault-livelock', ['three-threads'])
    const table = new StateTable()
    const cache = new TransitionCache(p, table)
    table.internRoot(p.initial)
    for (let i = 0; i < table.size && i < 5000; i++) {
      const s = table.state(i)
      for (const t of enabledThreads(p, s))
        cache.step(
          i,
          t,
          p.threads.findIndex((x) => x.letter === t)
        )
    }
    expect(cache.asked).toBeGreaterThan(10_000)
    // Thousands of states, a few hundred distinct steps: the rest are replayed from the record.
    expect(cache.ran).toBeLessThan(cache.asked / 10)
  })
})
