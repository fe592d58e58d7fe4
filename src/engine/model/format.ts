import { ModelError } from './errors'
import type { Entry, PageRef, Value } from './types'

/** `0x200000` — addresses are shown and keyed in hex, as kernel reviewers read them. */
export function hex(n: number): string {
  return `0x${n.toString(16)}`
}

export function formatPage(p: PageRef): string {
  return `${p.folio}#${String(p.sub)}`
}

/** Subpages of a folio: at most a PMD's worth (`ptesPerTable` is at most 512). */
export const MAX_SUBPAGES = 512

/** `P0#3` → folio `P0`, subpage 3; a subpage that is not a whole number below 512 is an error. */
export function parsePage(s: string): PageRef {
  const i = s.lastIndexOf('#')
  if (i < 0) return { folio: s, sub: 0 }
  const tail = s.slice(i + 1)
  const sub = /^\d{1,3}$/.test(tail) ? Number(tail) : NaN
  if (!(sub < MAX_SUBPAGES))
    throw new ModelError(
      `'${s.slice(0, 80)}' is not a page: the subpage after '#' must be a whole number below ${String(MAX_SUBPAGES)}`
    )
  return { folio: s.slice(0, i), sub }
}

/** The notation used in narration, records and the UI: `present(P0#0, rw)`, `table(T0)`. */
export function formatEntry(e: Entry): string {
  switch (e.k) {
    case 'none':
      return 'none'
    case 'present':
      return `present(${e.folio}#${String(e.sub)}, ${e.write ? 'rw' : 'ro'})`
    case 'migration':
      return `migration(${e.folio}#${String(e.sub)}, ${e.write ? 'w' : 'r'})`
    case 'device-private':
      return `device-private(${e.folio}, ${e.write ? 'w' : 'r'})`
    case 'invalid':
      return `invalid(${e.folio}#${String(e.sub)})`
    case 'uffd-wp':
      return 'uffd-wp-marker'
    case 'table':
      return `table(${e.table})`
    case 'huge':
      return `huge(${e.folio}, ${e.write ? 'rw' : 'ro'})`
  }
}

export function isEntry(v: Value): v is Entry {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'k' in v
}

export function formatValue(v: Value | undefined): string {
  if (v === undefined) return 'unset'
  if (v === null) return 'null'
  if (isEntry(v)) return formatEntry(v)
  if (Array.isArray(v)) return `[${v.join(', ')}]`
  return String(v)
}
