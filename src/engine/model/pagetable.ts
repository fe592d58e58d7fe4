import type { Draft, World } from './draft'
import { ModelError } from './errors'
import { formatEntry, hex } from './format'
import type { Entry, PageRef, PteTable, TableStatus } from './types'

/**
 * Two-level page tables per mm: a PMD slot per `ptesPerTable` pages, pointing to a PTE table, a
 * huge folio, or nothing. Tables have a lifecycle (attached → detached / deposited → freed, the
 * free possibly RCU-deferred); a walker that still holds a pointer to a freed table is a
 * use-after-free, which the model records as the mark `table-use-after-free` instead of failing.
 */
export const NONE: Entry = { k: 'none' }

export function pmdSpan(w: World): number {
  return w.pageSize * w.ptesPerTable
}

export function pmdKey(w: World, mm: string, va: number): string {
  return `${mm}:${hex(Math.floor(va / pmdSpan(w)) * pmdSpan(w))}`
}

export function pteIndex(w: World, va: number): number {
  return Math.floor(va / w.pageSize) % w.ptesPerTable
}

export function pageAlign(w: World, va: number): number {
  return Math.floor(va / w.pageSize) * w.pageSize
}

export function loadPmd(d: Draft, mm: string, va: number): Entry {
  const key = pmdKey(d.world, mm, va)
  const e = d.get('pmds', key) ?? NONE
  d.read(`pmds:${key}`, formatEntry(e))
  return e
}

/** Store a PMD; `none` is stored as absence so equal states have equal keys. */
export function storePmd(d: Draft, mm: string, va: number, e: Entry): void {
  d.put('pmds', pmdKey(d.world, mm, va), e.k === 'none' ? undefined : e)
}

export function table(d: Draft, id: string): PteTable {
  return d.must('tables', id)
}

/** The table a PMD value points to; a stale copy may point to a table no longer attached. */
export function tableOf(pmd: Entry): string | null {
  return pmd.k === 'table' ? pmd.table : null
}

/** Read the PTE for `va` in `tableId` (a walker may hold a stale pointer: that is the point). */
export function loadPte(d: Draft, tableId: string, va: number): Entry {
  const t = table(d, tableId)
  const idx = pteIndex(d.world, va)
  if (t.status === 'freed') d.put('marks', 'table-use-after-free', true)
  const e = t.ptes[String(idx)] ?? NONE
  d.read(`tables:${tableId}.ptes.${String(idx)}`, formatEntry(e))
  return e
}

export function storePte(d: Draft, tableId: string, va: number, e: Entry): void {
  const t = table(d, tableId)
  if (t.status === 'freed') {
    d.put('marks', 'table-use-after-free', true)
    return
  }
  const idx = String(pteIndex(d.world, va))
  const ptes = { ...t.ptes }
  if (e.k === 'none') Reflect.deleteProperty(ptes, idx)
  else ptes[idx] = e
  d.patch('tables', tableId, { ptes })
}

export function setTableStatus(d: Draft, tableId: string, status: TableStatus): void {
  table(d, tableId)
  d.patch('tables', tableId, { status })
}

/** The page an entry maps at `va`, if it maps one the CPU can use directly. */
export function pageOf(w: World, e: Entry, va: number): PageRef | null {
  if (e.k === 'present') return { folio: e.folio, sub: e.sub }
  if (e.k === 'huge') return { folio: e.folio, sub: pteIndex(w, va) }
  return null
}

/** The folio an entry refers to, present or not (migration and device-private entries too). */
export function folioOf(e: Entry): string | null {
  return 'folio' in e ? e.folio : null
}

/** Read access to a state's maps: a Draft, or a plain state wrapped for evaluation. */
export type StateReader = Pick<Draft, 'get' | 'world'>

/** Hardware-style walk of the live tables (no locks): the page `va` maps to now, or null. */
export function walk(d: StateReader, mm: string, va: number): { page: PageRef | null; leaf: Entry } {
  const pmd = d.get('pmds', pmdKey(d.world, mm, va)) ?? NONE
  if (pmd.k === 'huge') return { page: pageOf(d.world, pmd, va), leaf: pmd }
  if (pmd.k !== 'table') return { page: null, leaf: pmd }
  const t = d.get('tables', pmd.table)
  if (!t) throw new ModelError(`PMD points to missing table ${pmd.table}`)
  const pte = t.ptes[String(pteIndex(d.world, va))] ?? NONE
  return { page: pageOf(d.world, pte, va), leaf: pte }
}
