import { describe, expect, it } from 'vitest'

import { complete, waitFor } from './completion'
import { loadPte, NONE, pmdKey, pteIndex, storePmd, storePte, walk } from './pagetable'
import { iommuUsesStaleTable, iommuWalk, notifierInvalidate } from './secondary'
import { testDraft } from './testing'

describe('page tables', () => {
  it('index a VA into its PMD slot and PTE', () => {
    const d = testDraft(['A'])
    expect(pmdKey(d.world, 'mm', 0x201000)).toBe('mm:0x200000')
    expect(pteIndex(d.world, 0x201000)).toBe(1)
  })

  it('store none as absence so equal states are equal', () => {
    const d = testDraft(['A'])
    storePmd(d, 'mm', 0x200000, { k: 'table', table: 'T0' })
    storePmd(d, 'mm', 0x200000, NONE)
    expect(d.state.pmds).toEqual({})
  })

  it('walk a PMD table to the page, and a huge PMD to its subpage', () => {
    const d = testDraft(['A'], { folios: { P0: {}, H: { large: true } } })
    d.put('tables', 'T0', { mm: 'mm', status: 'attached', ptes: {} })
    storePmd(d, 'mm', 0x200000, { k: 'table', table: 'T0' })
    storePte(d, 'T0', 0x200000, { k: 'present', folio: 'P0', sub: 0, write: true })
    expect(walk(d, 'mm', 0x200000).page).toEqual({ folio: 'P0', sub: 0 })
    storePmd(d, 'mm', 0x200000, { k: 'huge', folio: 'H', write: true })
    expect(walk(d, 'mm', 0x201000).page).toEqual({ folio: 'H', sub: 1 })
  })

  it('record a walk through a freed table as a use-after-free instead of failing', () => {
    const d = testDraft(['A'])
    d.put('tables', 'T0', { mm: 'mm', status: 'freed', ptes: {} })
    expect(loadPte(d, 'T0', 0x200000)).toEqual(NONE)
    expect(d.state.marks['table-use-after-free']).toBe(true)
  })
})

describe('secondary MMUs', () => {
  it('cache a walk until an MMU-notifier invalidation, and notice a cached walk of a freed table', () => {
    const d = testDraft(['A'], { folios: { P0: {} } })
    d.put('iommus', 'iommu', { mm: 'mm', iotlb: {}, walkCache: {} })
    d.put('tables', 'T0', { mm: 'mm', status: 'attached', ptes: {} })
    storePmd(d, 'mm', 0x200000, { k: 'table', table: 'T0' })
    storePte(d, 'T0', 0x200000, { k: 'present', folio: 'P0', sub: 0, write: true })
    expect(iommuWalk(d, 'iommu', 0x200000)).toBe('P0#0')
    d.patch('tables', 'T0', { status: 'freed' })
    expect(iommuUsesStaleTable(d, 'iommu')).toBe(true)
    notifierInvalidate(d, 'mm', 0x200000, 0x400000)
    expect(iommuUsesStaleTable(d, 'iommu')).toBe(false)
    expect(d.must('iommus', 'iommu').iotlb).toEqual({})
  })
})

describe('completions', () => {
  it('bank a completion, or hand it (and its value) to the first waiter', () => {
    const d = testDraft(['A', 'B'])
    expect(waitFor(d, 'B', 'done')).toBeUndefined()
    expect(d.thread('B').blocked).toEqual({ kind: 'completion', name: 'done' })
    complete(d, 'done', 'P0#0')
    expect(d.thread('B')).toMatchObject({ blocked: null, granted: true })
    expect(waitFor(d, 'B', 'done')).toEqual({ value: 'P0#0' })
    complete(d, 'again', 1)
    expect(waitFor(d, 'A', 'again')).toEqual({ value: 1 })
  })
})
