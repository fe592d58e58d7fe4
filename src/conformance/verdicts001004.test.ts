import { spawnSync } from 'node:child_process'

import { describe, expect, it } from 'vitest'

import { closesPerOutcome, explore, replay } from '../engine'
import { program } from './helpers'

/**
 * The verdicts of races 001 and 004 after the kernel review (issue 10), as exact sets: every bad
 * outcome the explorer reaches for each toggle set, so a change to a step, a toggle or the engine
 * that moves any verdict fails here. The engine computes them; nothing is read from the files.
 */
const BAD: Record<string, readonly (readonly [readonly string[], readonly string[]])[]> = {
  'gup-fast-vs-thp-collapse': [
    [[], ['stale-gup-page', 'lost-write']],
    [['gup-pmd-recheck'], []],
    [['ipi-flush'], []],
    [['table-sync-ipi'], []],
  ],
  'retract-pt-vs-uffd-copy': [
    // v1 as posted: the lost PTE, and the BUG hidden behind it.
    [[], ['anon-pte-freed-with-table', 'copied-data-lost', 'mfill-pmd-none-bug']],
    // The merged 2023 commit: the lost PTE closes, the BUG_ON stays reachable (v6.6–v6.10).
    [['recheck-under-ptl', 'mmu-notifier'], ['mfill-pmd-none-bug']],
    // …and the 2024 fix on top (v6.11): nothing bad.
    [['recheck-under-ptl', 'mmu-notifier', 'no-bug-on-yanked-pmd'], []],
    [['no-bug-on-yanked-pmd'], ['anon-pte-freed-with-table', 'copied-data-lost']],
    [['recheck-under-ptl'], ['mfill-pmd-none-bug']],
    [['mmu-notifier'], ['anon-pte-freed-with-table', 'copied-data-lost', 'mfill-pmd-none-bug']],
    // The v6.5 baseline: UFFDIO_COPY's mmap_lock keeps retract out of both PMD reads.
    [['mmap-write-trylock'], []],
    [['mmap-write-trylock', 'uffd-wp-writer', 'iommu'], []],
    [
      ['uffd-wp-writer'],
      [
        'anon-pte-freed-with-table',
        'copied-data-lost',
        'uffd-wp-marker-lost',
        'mfill-pmd-none-bug',
        'deadlock',
      ],
    ],
    // The oops leaves mmap_lock held for reading, so C's UFFDIO_REGISTER (write) hangs: deadlock.
    [
      ['uffd-wp-writer', 'recheck-under-ptl'],
      ['mfill-pmd-none-bug', 'deadlock'],
    ],
    [['iommu'], ['anon-pte-freed-with-table', 'copied-data-lost', 'iommu-stale-walk', 'mfill-pmd-none-bug']],
    [
      ['iommu', 'recheck-under-ptl'],
      ['iommu-stale-walk', 'mfill-pmd-none-bug'],
    ],
    [
      ['iommu', 'mmu-notifier'],
      ['anon-pte-freed-with-table', 'copied-data-lost', 'mfill-pmd-none-bug'],
    ],
    [
      ['iommu', 'secondary-tlb-flush'],
      ['anon-pte-freed-with-table', 'copied-data-lost', 'mfill-pmd-none-bug'],
    ],
    [['iommu', 'recheck-under-ptl', 'secondary-tlb-flush'], ['mfill-pmd-none-bug']],
    [['iommu', 'recheck-under-ptl', 'mmu-notifier', 'no-bug-on-yanked-pmd'], []],
    [['scan-ptes-none'], ['mfill-pmd-none-bug']],
    [['mmap-read-lock'], ['anon-pte-freed-with-table', 'copied-data-lost', 'mfill-pmd-none-bug']],
    [
      ['mmap-read-lock', 'uffd-wp-writer'],
      ['anon-pte-freed-with-table', 'copied-data-lost', 'mfill-pmd-none-bug', 'deadlock'],
    ],
  ],
}

function badReached(id: string, toggles: readonly string[]) {
  const r = explore(program(id, toggles))
  expect(r.complete).toBe(true)
  expect(r.errors).toEqual([])
  return r.outcomes.filter((o) => o.severity === 'bad' && o.reachable).map((o) => o.id)
}

for (const [id, rows] of Object.entries(BAD))
  describe(`${id}: the bad outcomes of every toggle set`, () => {
    for (const [toggles, bad] of rows)
      it(`with ${toggles.join(' + ') || 'no toggle'}: ${bad.join(', ') || 'none'}`, () => {
        expect(badReached(id, toggles).sort()).toEqual([...bad].sort())
      })
  })

describe('retract-pt-vs-uffd-copy: what each toggle says it closes is what the explorer finds', () => {
  const sc = program('retract-pt-vs-uffd-copy').scenario
  // Outcomes that need an actor of their own are judged with that actor added.
  const needs: Record<string, readonly string[]> = {
    'iommu-stale-walk': ['iommu'],
    'uffd-wp-marker-lost': ['uffd-wp-writer'],
  }
  for (const t of sc.toggles.filter((x) => closesPerOutcome(x).length > 0))
    it(`${t.id}: ${closesPerOutcome(t)
      .map((r) => `${r.outcome} ${r.closes}`)
      .join(', ')}`, () => {
      for (const r of closesPerOutcome(t)) {
        const extra = needs[r.outcome] ?? []
        const without = badReached(sc.id, extra)
        const withIt = badReached(sc.id, [t.id, ...extra])
        expect(without, `${r.outcome} is reachable without ${t.id}`).toContain(r.outcome)
        if (r.closes === 'yes') expect(withIt, `${t.id} closes ${r.outcome}`).not.toContain(r.outcome)
        else expect(withIt, `${t.id} leaves ${r.outcome}`).toContain(r.outcome)
      }
    })
})

describe('retract-pt-vs-uffd-copy: the BUG the merged fix left, step by step', () => {
  const merged = ['recheck-under-ptl', 'mmu-notifier']
  it("recheck passes, UFFDIO_COPY reads a table, retract clears it, mfill_atomic's BUG_ON fires", () => {
    // A up to its recheck under the PTE lock (no anon_vma yet), B to its first PMD read,
    // A clears the PMD, B re-reads it and hits the BUG_ON.
    const r = replay(program('retract-pt-vs-uffd-copy', merged), 'A8 B3 A1 B2')
    expect(r.error).toBeNull()
    expect(r.records.map((x) => x.stepId).slice(-7)).toEqual(['A8r', 'B1', 'B3', 'B4', 'A9', 'B5', 'B5x'])
    expect(r.outcomes).toContain('mfill-pmd-none-bug')
    // With the 2024 fix the same interleaving goes on and ends in -EAGAIN, not an oops.
    const fixed = replay(
      program('retract-pt-vs-uffd-copy', [...merged, 'no-bug-on-yanked-pmd']),
      'A8 B3 A1 B3'
    )
    expect(fixed.error).toBeNull()
    expect(fixed.records.map((x) => x.stepId).slice(-3)).toEqual(['B5f', 'B6', 'B7'])
    expect(fixed.outcomes).not.toContain('mfill-pmd-none-bug')
  })

  it('its shortest witness replays into the BUG', () => {
    const p = program('retract-pt-vs-uffd-copy', merged)
    const w = explore(p).outcomes.find((o) => o.id === 'mfill-pmd-none-bug')?.shortest
    expect(w).toBeTruthy()
    expect(replay(p, w ?? '').outcomes).toContain('mfill-pmd-none-bug')
  })
})

/** `npm run explore -- … --json`, as a reviewer runs it. */
function cliExplore(...args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/explore.ts', 'retract-pt-vs-uffd-copy', ...args, '--json'],
    { encoding: 'utf8' }
  )
  expect(r.status, r.stderr).toBe(0)
  const j = JSON.parse(r.stdout) as {
    complete: boolean
    outcomes: { id: string; severity: string; reachable: boolean }[]
  }
  expect(j.complete).toBe(true)
  return new Map(j.outcomes.map((o) => [o.id, o]))
}

describe('the acceptance of issue 10 through the CLI', () => {
  const LOST = ['anon-pte-freed-with-table', 'copied-data-lost', 'uffd-wp-marker-lost', 'iommu-stale-walk']
  it('the merged 2023 fix: the BUG reachable, no lost PTE, lost marker or IOMMU outcome', () => {
    const o = cliExplore('--with', 'recheck-under-ptl', '--with', 'mmu-notifier')
    expect(o.get('mfill-pmd-none-bug')?.reachable).toBe(true)
    for (const id of LOST) expect(o.get(id)?.reachable, id).toBe(false)
  })
  it('with no-bug-on-yanked-pmd added: no bad outcome at all', () => {
    const o = cliExplore(
      '--with',
      'recheck-under-ptl',
      '--with',
      'mmu-notifier',
      '--with',
      'no-bug-on-yanked-pmd'
    )
    expect([...o.values()].filter((x) => x.severity === 'bad' && x.reachable)).toEqual([])
  })
  it('the v6.5 baseline (mmap-write-trylock): no bad outcome, the BUG included', () => {
    const o = cliExplore('--with', 'mmap-write-trylock')
    expect([...o.values()].filter((x) => x.severity === 'bad' && x.reachable)).toEqual([])
  })
})
