import { describe, expect, it } from 'vitest'

import { explore, replay } from '../engine'
import { program } from './helpers'

/**
 * What each fix must do, by exhaustive exploration, as the research notes and the issue state
 * it. `reach` lists outcomes that must be reachable, `never` outcomes that must not be. The
 * engine computes every verdict; nothing here is read back from a scenario file.
 */
interface Case {
  readonly with: readonly string[]
  readonly reach: readonly string[]
  readonly never: readonly string[]
}

const EXPECT: Record<string, { reported: readonly string[]; cases: readonly Case[] }> = {
  'migration-vs-shmem-fault': {
    reported: ['migration-failed', 'selftest-failed'],
    cases: [
      {
        with: [],
        reach: ['migration-failed', 'selftest-failed', 'migrated'],
        never: ['data-loss', 'deadlock'],
      },
      { with: ['atomic-migration-entry'], reach: ['migrated'], never: ['migration-failed', 'deadlock'] },
      { with: ['recheck-pte-under-ptl'], reach: ['migrated'], never: ['migration-failed', 'deadlock'] },
      // Option 1 closes the deferred (ASYNC) branch only: without deferral the window is back.
      { with: ['pte-invalid-not-none'], reach: ['migrated'], never: ['migration-failed'] },
      { with: ['pte-invalid-not-none', 'arm64-repeat-tlbi'], reach: ['migration-failed'], never: [] },
      // Option 3: no refcount failure, but readers busy-wait on the frozen count.
      {
        with: ['freeze-refcount-first'],
        reach: ['migrated', 'reader-busy-waits'],
        never: ['migration-failed'],
      },
      // Option 4: worse than the race.
      { with: ['drop-from-pagecache'], reach: ['data-loss', 'pagecache-slot-stolen'], never: [] },
      // What was merged: the kernel race is untouched, the test tolerates it.
      {
        with: ['relax-selftest'],
        reach: ['migration-failed', 'selftest-tolerated'],
        never: ['selftest-failed'],
      },
      { with: ['x86-deferred-flush'], reach: ['migrated'], never: ['migration-failed'] },
    ],
  },
  'exec-stack-vs-migration': {
    reported: ['migration-entry-leaked', 'stack-data-lost', 'bug-swapops'],
    cases: [
      {
        with: [],
        reach: ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated'],
        never: ['deadlock'],
      },
      // Merged: never migrate the temporary stack.
      {
        with: ['skip-temporary-stack'],
        reach: ['migrated', 'argv-read'],
        never: ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost'],
      },
      // Andrea: one anon_vma section around the VMA change and the move.
      {
        with: ['anon-vma-lock-across-move'],
        reach: ['migrated'],
        never: ['migration-entry-leaked', 'bug-swapops'],
      },
      // Locking only the VMA change (v2.6.36-like) does not close it.
      { with: ['anon-vma-lock-in-vma-adjust'], reach: ['migration-entry-leaked', 'bug-swapops'], never: [] },
      { with: ['kamezawa-unstable-rmap'], reach: ['migrated'], never: ['migration-entry-leaked'] },
      { with: ['stack-counters-heuristic'], reach: ['migration-entry-leaked'], never: [] },
      { with: ['mm-seqcount'], reach: ['migrated'], never: ['migration-entry-leaked', 'bug-swapops'] },
      { with: ['gup-pin-stack'], reach: ['migration-entry-leaked', 'bug-swapops'], never: [] },
      {
        with: ['migration-takes-mmap-sem'],
        reach: ['migrated'],
        never: ['migration-entry-leaked', 'bug-swapops'],
      },
    ],
  },
  'retract-pt-vs-uffd-copy': {
    reported: ['anon-pte-freed-with-table', 'copied-data-lost'],
    cases: [
      {
        with: [],
        reach: ['anon-pte-freed-with-table', 'copied-data-lost', 'retracted'],
        never: ['deadlock'],
      },
      // The v6.5 baseline: mmap_write_trylock keeps UFFDIO_COPY out.
      {
        with: ['mmap-write-trylock', 'uffd-wp-writer', 'iommu'],
        reach: ['retracted', 'copy-kept'],
        never: ['anon-pte-freed-with-table', 'uffd-wp-marker-lost', 'copied-data-lost'],
      },
      // Merged (1d65b771bc08): recheck under the PTE lock: no lost PTE, no lost marker.
      {
        with: ['recheck-under-ptl'],
        reach: ['retract-skipped', 'copy-kept'],
        never: ['anon-pte-freed-with-table', 'copied-data-lost'],
      },
      { with: ['uffd-wp-writer'], reach: ['uffd-wp-marker-lost'], never: [] },
      {
        with: ['uffd-wp-writer', 'recheck-under-ptl'],
        reach: ['retract-skipped'],
        never: ['uffd-wp-marker-lost', 'anon-pte-freed-with-table'],
      },
      // Merged in the same commit: the MMU notifier; without it the IOMMU walks a freed table.
      { with: ['iommu'], reach: ['iommu-stale-walk'], never: [] },
      { with: ['iommu', 'mmu-notifier'], reach: ['retracted'], never: ['iommu-stale-walk'] },
      {
        with: ['iommu', 'recheck-under-ptl', 'mmu-notifier', 'uffd-wp-writer'],
        reach: ['retracted'],
        never: ['anon-pte-freed-with-table', 'uffd-wp-marker-lost', 'iommu-stale-walk'],
      },
      { with: ['scan-ptes-none'], reach: ['retract-skipped'], never: ['anon-pte-freed-with-table'] },
      // Peter's question: a read lock does not exclude UFFDIO_COPY.
      { with: ['mmap-read-lock'], reach: ['anon-pte-freed-with-table'], never: [] },
    ],
  },
  'device-private-fault-livelock': {
    reported: ['livelock'],
    cases: [
      { with: [], reach: ['livelock', 'move-check-failed'], never: ['deadlock'] },
      { with: ['-driver-lock'], reach: ['livelock'], never: ['deadlock'] },
      { with: ['three-threads'], reach: ['livelock'], never: ['deadlock'] },
      // The Xe report's "enough threads": searched whole thanks to the symmetry reduction.
      { with: ['four-threads'], reach: ['livelock', 'all-read'], never: ['deadlock'] },
      // The merged fix: one fault wins, no livelock, no failed check.
      {
        with: ['trylock-fault-page'],
        reach: ['migrated', 'all-read'],
        never: ['livelock', 'move-check-failed', 'deadlock'],
      },
      { with: ['trylock-fault-page', 'three-threads'], reach: ['migrated'], never: ['livelock', 'deadlock'] },
      { with: ['trylock-fault-page', 'four-threads'], reach: ['migrated'], never: ['livelock', 'deadlock'] },
      {
        with: ['trylock-fault-page', 'wait-on-locked-page'],
        reach: ['migrated'],
        never: ['livelock', 'deadlock'],
      },
      // Popple's alternative, with the page mapped once.
      { with: ['migration-entry-in-fault'], reach: ['migrated'], never: ['livelock', 'deadlock'] },
      {
        with: ['migration-entry-in-fault', 'three-threads'],
        reach: ['migrated'],
        never: ['livelock', 'deadlock'],
      },
    ],
  },
}

for (const [id, spec] of Object.entries(EXPECT)) {
  describe(id, () => {
    it(`replays the reported interleaving into ${spec.reported.join(' and ')}`, () => {
      const p = program(id, program(id).scenario.reported.with)
      const r = replay(p, 'reported')
      expect(r.error).toBeNull()
      for (const o of spec.reported) expect(r.outcomes).toContain(o)
    })
    for (const c of spec.cases) {
      it(`with ${c.with.join(' + ') || 'no fix'}: reaches ${c.reach.join(', ') || '-'}; never ${c.never.join(', ') || '-'}`, () => {
        const r = explore(program(id, c.with))
        expect(r.complete).toBe(true)
        expect(r.errors).toEqual([])
        const by = Object.fromEntries(r.outcomes.map((o) => [o.id, o]))
        for (const o of c.reach) {
          expect(by[o]?.reachable, `${o} reachable`).toBe(true)
          // Each witness is a real schedule: replaying it reaches the outcome.
          const w = by[o]
          const schedule = w?.cycle ? `${w.cycle.prefix}${w.cycle.repeat}` : (w?.shortest ?? '')
          expect(replay(program(id, c.with), schedule).outcomes).toContain(o)
        }
        for (const o of c.never) expect(by[o]?.reachable, `${o} unreachable`).toBe(false)
      })
    }
  })
}
