import type { Draft } from './draft'
import { formatPage } from './format'
import { pmdKey, walk } from './pagetable'

/**
 * Secondary MMUs and MMU notifiers. An IOMMU with shared virtual addressing walks the CPU page
 * tables itself and caches the leaf it found (IOTLB) and the table it walked through
 * (paging-structure cache); only an MMU-notifier invalidation drops them. A cached walk through a
 * table that was since freed is the stale walk race 004 is about.
 */
export function iommuWalk(d: Draft, id: string, va: number): string | null {
  const mmu = d.must('iommus', id)
  const { page } = walk(d, mmu.mm, va)
  const pmd = d.get('pmds', pmdKey(d.world, mmu.mm, va))
  const walkCache = { ...mmu.walkCache }
  if (pmd?.k === 'table') walkCache[pmdKey(d.world, mmu.mm, va)] = pmd.table
  const iotlb = { ...mmu.iotlb }
  if (page) iotlb[String(va)] = formatPage(page)
  d.patch('iommus', id, { iotlb, walkCache })
  return page ? formatPage(page) : null
}

/** `mmu_notifier_invalidate_range_start/end` reaching every secondary MMU of `mm`. */
export function notifierInvalidate(d: Draft, mm: string, start: number, end: number): void {
  for (const [id, mmu] of Object.entries(d.cells('iommus'))) {
    if (mmu.mm !== mm) continue
    const iotlb: Record<string, string> = {}
    for (const [va, p] of Object.entries(mmu.iotlb))
      if (Number(va) < start || Number(va) >= end) iotlb[va] = p
    const walkCache: Record<string, string> = {}
    for (const [k, tbl] of Object.entries(mmu.walkCache)) {
      const addr = Number(k.slice(k.lastIndexOf(':') + 1))
      if (addr < start || addr >= end) walkCache[k] = tbl
    }
    d.patch('iommus', id, { iotlb, walkCache })
  }
}

/** Did this IOMMU use a cached walk through a table that is no longer live? */
export function iommuUsesStaleTable(d: Draft, id: string): boolean {
  const mmu = d.must('iommus', id)
  return Object.values(mmu.walkCache).some((tbl) => {
    const t = d.get('tables', tbl)
    return !t || t.status === 'freed' || t.status === 'rcu-pending'
  })
}

/**
 * A device access through the IOMMU: the IOTLB first, then a walk that starts from the cached
 * table if the paging-structure cache has one (a table that may have been freed since: the
 * stale walk is recorded as `iommu-stale-walk`), else from the live PMD.
 */
export function iommuTranslate(d: Draft, id: string, va: number): 'ok' | 'fault' | 'stale' {
  const mmu = d.must('iommus', id)
  if (mmu.iotlb[String(va)] !== undefined) return 'ok'
  const cached = mmu.walkCache[pmdKey(d.world, mmu.mm, va)]
  if (cached !== undefined) {
    const t = d.get('tables', cached)
    // A detached table is still valid memory until it is freed; pending-free or freed is not.
    if (!t || t.status === 'freed' || t.status === 'rcu-pending') {
      d.put('marks', 'iommu-stale-walk', true)
      return 'stale'
    }
  }
  return iommuWalk(d, id, va) === null ? 'fault' : 'ok'
}
