import * as v from 'valibot'

import { formatValue, hex } from '../model/format'
import * as folios from '../model/folio'
import * as pageCache from '../model/pagecache'
import { iommuTranslate, iommuWalk } from '../model/secondary'
import { hasFlag, prepareAnonVma, setBounds, setFlag, vma, vmaAddress } from '../model/vma'
import { address, defineOp, folioContent, ident, plainValue, ref } from './op'

const index = v.pipe(v.number(), v.safeInteger())
const slot = { file: ident, index: v.pipe(v.number(), v.safeInteger(), v.minValue(0)) }

/** Folio allocation, the page cache, VMAs and secondary MMUs. */
export const mmOps = {
  /** Allocate a folio (refcount 1) under an id; the id may be reused once its folio was freed. */
  folioAlloc: defineOp({
    schema: v.strictObject({
      op: v.literal('folioAlloc'),
      id: ident,
      content: v.optional(folioContent, ['']),
      large: v.optional(v.boolean(), false),
      anon: v.optional(v.boolean(), true),
    }),
    results: ['ok'],
    run: (c, p) => {
      folios.alloc(c.d, p.id, { content: p.content, large: p.large, anon: p.anon })
      return 'ok'
    },
  }),
  /** `page->index` and `page->mapping` follow the data to the new page (`move_to_new_page`). */
  folioCopyMeta: defineOp({
    schema: v.strictObject({ op: v.literal('folioCopyMeta'), from: ref, to: ref }),
    results: ['ok'],
    run: (c, p) => {
      const from = folios.folio(c.d, c.folio(p.from))
      c.d.patch('folios', c.folio(p.to), { index: from.index, mapping: from.mapping })
      return 'ok'
    },
  }),
  folioClearMapping: defineOp({
    schema: v.strictObject({ op: v.literal('folioClearMapping'), folio: ref }),
    results: ['ok'],
    run: (c, p) => {
      c.d.patch('folios', c.folio(p.folio), { mapping: null })
      return 'ok'
    },
  }),
  /** `folio->mapping == mapping`? (a fault rechecks it after sleeping on the folio lock). */
  testMapping: defineOp({
    schema: v.strictObject({ op: v.literal('testMapping'), folio: ref, is: v.nullable(ident) }),
    results: ['yes', 'no'],
    run: (c, p) => {
      const f = folios.folio(c.d, c.folio(p.folio))
      c.d.read(`folios:${c.folio(p.folio)}.mapping`, f.mapping ?? 'null')
      return f.mapping === p.is ? 'yes' : 'no'
    },
  }),
  /** `filemap_get_entry` without the reference: which folio the slot holds. */
  pageCacheLookup: defineOp({
    schema: v.strictObject({ op: v.literal('pageCacheLookup'), ...slot, save: v.optional(ident) }),
    saves: { param: 'save' },
    results: ['found', 'none'],
    run: (c, p) => {
      const f = pageCache.lookup(c.d, p.file, p.index)
      if (p.save) c.setLocal(p.save, f)
      return f === null ? 'none' : 'found'
    },
  }),
  pageCacheInsert: defineOp({
    schema: v.strictObject({ op: v.literal('pageCacheInsert'), ...slot, folio: ref }),
    results: ['ok', 'occupied'],
    failures: ['occupied'],
    run: (c, p) => (pageCache.insert(c.d, p.file, p.index, c.folio(p.folio)) ? 'ok' : 'occupied'),
  }),
  pageCacheReplace: defineOp({
    schema: v.strictObject({ op: v.literal('pageCacheReplace'), ...slot, from: ref, to: ref }),
    results: ['ok'],
    run: (c, p) => {
      pageCache.replace(c.d, p.file, p.index, c.folio(p.from), c.folio(p.to))
      return 'ok'
    },
  }),
  pageCacheRemove: defineOp({
    schema: v.strictObject({ op: v.literal('pageCacheRemove'), ...slot }),
    results: ['ok'],
    run: (c, p) => {
      pageCache.remove(c.d, p.file, p.index)
      return 'ok'
    },
  }),
  /** Compare a scenario counter: `lt` (less than) or `is` (equal). */
  testVar: defineOp({
    schema: v.strictObject({
      op: v.literal('testVar'),
      var: ident,
      lt: v.optional(v.pipe(v.number(), v.safeInteger())),
      is: v.optional(v.union([plainValue, ref])),
      /** Keep the value in a local (a seqcount reader remembers what it began with). */
      save: v.optional(ident),
    }),
    saves: { param: 'save' },
    results: ['yes', 'no'],
    run: (c, p) => {
      const cur = c.d.get('vars', p.var) ?? 0
      c.d.read(`vars:${p.var}`, formatValue(cur))
      if (p.save) c.setLocal(p.save, cur)
      if (p.lt !== undefined) return typeof cur === 'number' && cur < p.lt ? 'yes' : 'no'
      return formatValue(cur) === formatValue(c.value(p.is ?? null)) ? 'yes' : 'no'
    },
  }),
  /** `vma_address(page, vma)` into a local; `efault` if the page falls outside the VMA. */
  vmaAddress: defineOp({
    schema: v.strictObject({ op: v.literal('vmaAddress'), vma: ident, folio: ref, save: ident }),
    saves: { param: 'save', unless: ['efault'] },
    results: ['ok', 'efault'],
    failures: ['efault'],
    run: (c, p) => {
      const addr = vmaAddress(c.d, p.vma, folios.folio(c.d, c.folio(p.folio)).index)
      if (addr === null) return 'efault'
      // Kept in hex, as the narration and the research note write addresses.
      c.setLocal(p.save, hex(addr))
      return 'ok'
    },
  }),
  /** `vma_adjust` and friends: a plain store of the VMA's bounds. */
  vmaSet: defineOp({
    schema: v.strictObject({
      op: v.literal('vmaSet'),
      vma: ident,
      start: v.optional(address),
      end: v.optional(address),
      pgoff: v.optional(index),
    }),
    results: ['ok'],
    run: (c, p) => {
      setBounds(c.d, p.vma, {
        ...(p.start !== undefined && { start: c.va(p.start) }),
        ...(p.end !== undefined && { end: c.va(p.end) }),
        ...(p.pgoff !== undefined && { pgoff: p.pgoff }),
      })
      return 'ok'
    },
  }),
  vmaFlag: defineOp({
    schema: v.strictObject({ op: v.literal('vmaFlag'), vma: ident, flag: ident, on: v.boolean() }),
    results: ['ok'],
    run: (c, p) => {
      setFlag(c.d, p.vma, p.flag, p.on)
      return 'ok'
    },
  }),
  /** Test a VMA flag (`userfaultfd_wp(vma)`) or whether it has an anon_vma: yes / no. */
  vmaTest: defineOp({
    schema: v.strictObject({
      op: v.literal('vmaTest'),
      vma: ident,
      flag: v.optional(ident),
      anonVma: v.optional(v.literal(true)),
    }),
    results: ['yes', 'no'],
    run: (c, p) => {
      if (p.flag !== undefined) return hasFlag(c.d, p.vma, p.flag) ? 'yes' : 'no'
      const av = vma(c.d, p.vma).anonVma
      c.d.read(`vmas:${p.vma}.anonVma`, av ?? 'null')
      return av !== null ? 'yes' : 'no'
    },
  }),
  /** `anon_vma_prepare`: give the VMA an anon_vma if it has none. */
  anonVmaPrepare: defineOp({
    schema: v.strictObject({ op: v.literal('anonVmaPrepare'), vma: ident, anonVma: ident }),
    results: ['ok'],
    run: (c, p) => {
      prepareAnonVma(c.d, p.vma, p.anonVma)
      return 'ok'
    },
  }),
  /** The IOMMU walks the CPU page tables and caches the table and the translation. */
  iommuWalk: defineOp({
    schema: v.strictObject({ op: v.literal('iommuWalk'), iommu: ident, va: address }),
    results: ['ok', 'fault'],
    run: (c, p) => (iommuWalk(c.d, p.iommu, c.va(p.va)) === null ? 'fault' : 'ok'),
  }),
  /** A device access through the IOMMU: `stale` if it walked a cached, since-freed table. */
  iommuTranslate: defineOp({
    schema: v.strictObject({ op: v.literal('iommuTranslate'), iommu: ident, va: address }),
    results: ['ok', 'fault', 'stale'],
    run: (c, p) => iommuTranslate(c.d, p.iommu, c.va(p.va)),
  }),
}
