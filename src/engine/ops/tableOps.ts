import * as v from 'valibot'

import { ModelError } from '../model/errors'
import { formatEntry } from '../model/format'
import { deferFreeTable, freeTable } from '../model/rcu'
import { loadPmd, loadPte, NONE, setTableStatus, storePmd, storePte, tableOf } from '../model/pagetable'
import type { Entry, EntryKind } from '../model/types'
import type { OpCtx } from './context'
import { address, defineOp, entryRef, ident, ref } from './op'

const KINDS: readonly EntryKind[] = [
  'none',
  'present',
  'migration',
  'device-private',
  'invalid',
  'uffd-wp',
  'table',
  'huge',
]

/** The table to use for `va`: the one a saved PMD value points to (`via`), or the live one. */
function tableFor(c: OpCtx, mm: string, va: number, via: string | undefined): string | null {
  const pmd = via === undefined ? loadPmd(c.d, mm, va) : c.entry(via)
  return tableOf(pmd)
}

function mustTable(c: OpCtx, mm: string, va: number, via: string | undefined): string {
  const t = tableFor(c, mm, va, via)
  if (t === null) throw new ModelError(`no PTE table at ${String(va)}${via ? ` via ${via}` : ''}`)
  return t
}

function same(a: Entry, b: Entry): boolean {
  return formatEntry(a) === formatEntry(b)
}

const save = v.optional(ident)
const via = v.optional(ref)
/** Another process's page tables (migration walks every mm mapping a page). Default: the thread's. */
const mm = v.optional(ident)

export const tableOps = {
  /** `READ_ONCE(*pmd)` / `pmdp_get_lockless`: the result is the entry's kind. */
  loadPmd: defineOp({
    schema: v.strictObject({ op: v.literal('loadPmd'), mm, va: address, save }),
    saves: { param: 'save' },
    results: KINDS,
    run: (c, p) => {
      const e = loadPmd(c.d, p.mm ?? c.mm, c.va(p.va))
      if (p.save) c.setLocal(p.save, e)
      return e.k
    },
  }),
  /** Read a PTE through the live PMD or through a saved PMD value (`via`); `no-table` if none. */
  loadPte: defineOp({
    schema: v.strictObject({ op: v.literal('loadPte'), mm, va: address, via, save }),
    // With no table there is no entry: the local says `none` rather than keeping an older read.
    saves: { param: 'save' },
    results: [...KINDS, 'no-table'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = tableFor(c, p.mm ?? c.mm, va, p.via)
      if (t === null) {
        if (p.save) c.setLocal(p.save, NONE)
        return 'no-table'
      }
      const e = loadPte(c.d, t, va)
      if (p.save) c.setLocal(p.save, e)
      return e.k
    },
  }),
  /** `pmd_val(pmd) != pmd_val(*pmdp)`: compare the live PMD with a saved value. */
  samePmd: defineOp({
    schema: v.strictObject({ op: v.literal('samePmd'), mm, va: address, as: ref }),
    results: ['same', 'changed'],
    run: (c, p) => (same(loadPmd(c.d, p.mm ?? c.mm, c.va(p.va)), c.entry(p.as)) ? 'same' : 'changed'),
  }),
  /** `pte_same`: compare the PTE (live, or through a saved PMD) with a saved value. */
  samePte: defineOp({
    schema: v.strictObject({ op: v.literal('samePte'), mm, va: address, via, as: ref }),
    results: ['same', 'changed'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = tableFor(c, p.mm ?? c.mm, va, p.via)
      const cur = t === null ? NONE : loadPte(c.d, t, va)
      return same(cur, c.entry(p.as)) ? 'same' : 'changed'
    },
  }),
  /** `pmdp_huge_get_and_clear` and friends: an atomic exchange of the PMD. */
  xchgPmd: defineOp({
    schema: v.strictObject({ op: v.literal('xchgPmd'), mm, va: address, to: entryRef, save }),
    results: ['ok'],
    run: (c, p) => {
      const va = c.va(p.va)
      const old = loadPmd(c.d, p.mm ?? c.mm, va)
      if (p.save) c.setLocal(p.save, old)
      storePmd(c.d, p.mm ?? c.mm, va, c.entry(p.to))
      return 'ok'
    },
  }),
  /** `set_pmd_at` / `pmd_populate`. */
  setPmd: defineOp({
    schema: v.strictObject({ op: v.literal('setPmd'), mm, va: address, to: entryRef }),
    results: ['ok'],
    run: (c, p) => {
      storePmd(c.d, p.mm ?? c.mm, c.va(p.va), c.entry(p.to))
      return 'ok'
    },
  }),
  /** `set_pte_at`, or `ptep_get_and_clear` with `save`. */
  setPte: defineOp({
    schema: v.strictObject({ op: v.literal('setPte'), mm, va: address, via, to: entryRef, save }),
    results: ['ok'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = mustTable(c, p.mm ?? c.mm, va, p.via)
      if (p.save) c.setLocal(p.save, loadPte(c.d, t, va))
      storePte(c.d, t, va, c.entry(p.to))
      return 'ok'
    },
  }),
  /** Is the PTE (live, or through a saved PMD) of kind `kind`, for `folio` if given? yes / no. */
  matchPte: defineOp({
    schema: v.strictObject({
      op: v.literal('matchPte'),
      mm,
      va: address,
      via,
      kind: v.picklist(KINDS),
      folio: v.optional(ref),
    }),
    results: ['yes', 'no'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = tableFor(c, p.mm ?? c.mm, va, p.via)
      const e = t === null ? NONE : loadPte(c.d, t, va)
      if (e.k !== p.kind) return 'no'
      return p.folio === undefined || ('folio' in e && e.folio === c.folio(p.folio)) ? 'yes' : 'no'
    },
  }),
  /**
   * `move_ptes` for one extent: every non-none PTE in [from, from + pages) moves to the same
   * offset from `to`, whatever it holds (present PTEs and migration entries alike).
   */
  movePtes: defineOp({
    schema: v.strictObject({
      op: v.literal('movePtes'),
      mm,
      from: address,
      to: address,
      pages: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(512)),
    }),
    results: ['ok'],
    run: (c, p) => {
      const space = p.mm ?? c.mm
      const from = c.va(p.from)
      const to = c.va(p.to)
      const size = c.d.world.pageSize
      const moves: [number, Entry][] = []
      for (let i = 0; i < p.pages; i++) {
        const t = tableFor(c, space, from + i * size, undefined)
        if (t === null) continue
        const e = loadPte(c.d, t, from + i * size)
        if (e.k === 'none') continue
        storePte(c.d, t, from + i * size, NONE)
        moves.push([to + i * size, e])
      }
      for (const [va, e] of moves) storePte(c.d, mustTable(c, space, va, undefined), va, e)
      return 'ok'
    },
  }),
  /** Change a table's lifecycle: deposit it for a later split, detach, free now or after RCU. */
  tableState: defineOp({
    schema: v.strictObject({
      op: v.literal('tableState'),
      table: ref,
      to: v.picklist(['attached', 'detached', 'deposited', 'freed', 'free-rcu']),
    }),
    results: ['ok'],
    run: (c, p) => {
      const val = c.value(p.table)
      const id = typeof val === 'string' ? val : tableOf(c.entry(p.table))
      if (id === null) throw new ModelError(`${p.table} is not a table`)
      if (p.to === 'freed') freeTable(c.d, id)
      else if (p.to === 'free-rcu') deferFreeTable(c.d, id)
      else setTableStatus(c.d, id, p.to)
      return 'ok'
    },
  }),
}
