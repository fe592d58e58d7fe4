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
function tableFor(c: OpCtx, va: number, via: string | undefined): string | null {
  const pmd = via === undefined ? loadPmd(c.d, c.mm, va) : c.entry(via)
  return tableOf(pmd)
}

function mustTable(c: OpCtx, va: number, via: string | undefined): string {
  const t = tableFor(c, va, via)
  if (t === null) throw new ModelError(`no PTE table at ${String(va)}${via ? ` via ${via}` : ''}`)
  return t
}

function same(a: Entry, b: Entry): boolean {
  return formatEntry(a) === formatEntry(b)
}

const save = v.optional(ident)
const via = v.optional(ref)

export const tableOps = {
  /** `READ_ONCE(*pmd)` / `pmdp_get_lockless`: the result is the entry's kind. */
  loadPmd: defineOp({
    schema: v.strictObject({ op: v.literal('loadPmd'), va: address, save }),
    results: KINDS,
    run: (c, p) => {
      const e = loadPmd(c.d, c.mm, c.va(p.va))
      if (p.save) c.setLocal(p.save, e)
      return e.k
    },
  }),
  /** Read a PTE through the live PMD or through a saved PMD value (`via`); `no-table` if none. */
  loadPte: defineOp({
    schema: v.strictObject({ op: v.literal('loadPte'), va: address, via, save }),
    results: [...KINDS, 'no-table'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = tableFor(c, va, p.via)
      if (t === null) return 'no-table'
      const e = loadPte(c.d, t, va)
      if (p.save) c.setLocal(p.save, e)
      return e.k
    },
  }),
  /** `pmd_val(pmd) != pmd_val(*pmdp)`: compare the live PMD with a saved value. */
  samePmd: defineOp({
    schema: v.strictObject({ op: v.literal('samePmd'), va: address, as: ref }),
    results: ['same', 'changed'],
    run: (c, p) => (same(loadPmd(c.d, c.mm, c.va(p.va)), c.entry(p.as)) ? 'same' : 'changed'),
  }),
  /** `pte_same`: compare the PTE (live, or through a saved PMD) with a saved value. */
  samePte: defineOp({
    schema: v.strictObject({ op: v.literal('samePte'), va: address, via, as: ref }),
    results: ['same', 'changed'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = tableFor(c, va, p.via)
      const cur = t === null ? NONE : loadPte(c.d, t, va)
      return same(cur, c.entry(p.as)) ? 'same' : 'changed'
    },
  }),
  /** `pmdp_huge_get_and_clear` and friends: an atomic exchange of the PMD. */
  xchgPmd: defineOp({
    schema: v.strictObject({ op: v.literal('xchgPmd'), va: address, to: entryRef, save }),
    results: ['ok'],
    run: (c, p) => {
      const va = c.va(p.va)
      const old = loadPmd(c.d, c.mm, va)
      if (p.save) c.setLocal(p.save, old)
      storePmd(c.d, c.mm, va, c.entry(p.to))
      return 'ok'
    },
  }),
  /** `set_pmd_at` / `pmd_populate`. */
  setPmd: defineOp({
    schema: v.strictObject({ op: v.literal('setPmd'), va: address, to: entryRef }),
    results: ['ok'],
    run: (c, p) => {
      storePmd(c.d, c.mm, c.va(p.va), c.entry(p.to))
      return 'ok'
    },
  }),
  /** `set_pte_at`, or `ptep_get_and_clear` with `save`. */
  setPte: defineOp({
    schema: v.strictObject({ op: v.literal('setPte'), va: address, via, to: entryRef, save }),
    results: ['ok'],
    run: (c, p) => {
      const va = c.va(p.va)
      const t = mustTable(c, va, p.via)
      if (p.save) c.setLocal(p.save, loadPte(c.d, t, va))
      storePte(c.d, t, va, c.entry(p.to))
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
