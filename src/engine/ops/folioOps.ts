import * as v from 'valibot'

import { tlbFill, tlbLookup } from '../model/cpu'
import { formatPage, parsePage } from '../model/format'
import * as folios from '../model/folio'
import { pageAlign, walk } from '../model/pagetable'
import type { OpCtx } from './context'
import { address, defineOp, ident, ref } from './op'

function unit(op: string, run: (c: OpCtx, folio: string) => void) {
  return defineOp({
    schema: v.strictObject({ op: v.literal(op), folio: ref }),
    results: ['ok'],
    run: (c, p) => {
      run(c, c.folio(p.folio))
      return 'ok'
    },
  })
}

const pin = v.optional(v.boolean(), true)
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1 << 30))

/** The page a user access at `va` reaches: TLB first, then a walk that fills the TLB. */
function translate(c: OpCtx, va: number): string | null {
  const aligned = pageAlign(c.d.world, va)
  const hit = tlbLookup(c.d, c.t, c.mm, aligned)
  if (hit !== undefined) {
    c.d.read(`threads:${c.t}.tlb`, hit)
    return hit
  }
  const { page } = walk(c.d, c.mm, va)
  if (!page) return null
  const s = formatPage(page)
  tlbFill(c.d, c.t, c.mm, aligned, s)
  return s
}

export const folioOps = {
  folioGet: unit('folioGet', (c, f) => folios.get(c.d, f)),
  folioPut: unit('folioPut', (c, f) => folios.put(c.d, f)),
  folioTryGet: defineOp({
    schema: v.strictObject({ op: v.literal('folioTryGet'), folio: ref }),
    results: ['ok', 'zero'],
    failures: ['zero'],
    run: (c, p) => (folios.tryGet(c.d, c.folio(p.folio)) ? 'ok' : 'zero'),
  }),
  /** `try_grab_folio` (GUP): FOLL_PIN by default, FOLL_GET with `pin: false`. */
  gupGrab: defineOp({
    schema: v.strictObject({
      op: v.literal('gupGrab'),
      page: ref,
      va: v.optional(address),
      pin,
      save: v.optional(ident),
    }),
    saves: { param: 'save', unless: ['zero'] },
    results: ['ok', 'zero'],
    failures: ['zero'],
    run: (c, p) => {
      const page = c.page(p.page, p.va)
      if (!folios.grab(c.d, page, p.pin)) return 'zero'
      if (p.save) c.setLocal(p.save, formatPage(page))
      return 'ok'
    },
  }),
  /** `gup_put_folio` / `unpin_user_page`. */
  gupRelease: defineOp({
    schema: v.strictObject({ op: v.literal('gupRelease'), page: ref, pin }),
    results: ['ok'],
    run: (c, p) => {
      folios.ungrab(c.d, c.page(p.page), p.pin)
      return 'ok'
    },
  }),
  isolateLru: defineOp({
    schema: v.strictObject({ op: v.literal('isolateLru'), folio: ref }),
    results: ['ok', 'busy'],
    failures: ['busy'],
    run: (c, p) => (folios.isolateLru(c.d, c.folio(p.folio)) ? 'ok' : 'busy'),
  }),
  putbackLru: unit('putbackLru', (c, f) => folios.putbackLru(c.d, f)),
  /** `page_mapped(page)`: is the mapcount above zero? */
  folioMapped: defineOp({
    schema: v.strictObject({ op: v.literal('folioMapped'), folio: ref }),
    results: ['mapped', 'unmapped'],
    run: (c, p) => {
      const id = c.folio(p.folio)
      const f = folios.folio(c.d, id)
      c.d.read(`folios:${id}.mapcount`, f.mapcount)
      return f.mapcount > 0 ? 'mapped' : 'unmapped'
    },
  }),
  addRmap: unit('addRmap', (c, f) => folios.addRmap(c.d, f)),
  removeRmap: unit('removeRmap', (c, f) => folios.removeRmap(c.d, f)),
  /** An exact refcount check (`is_refcount_suitable`, `folio_expected_refs`): mapcount + extra. */
  refCheck: defineOp({
    schema: v.strictObject({
      op: v.literal('refCheck'),
      folio: ref,
      expect: v.union([v.literal('mapcount'), count]),
      plus: v.optional(count, 0),
      /** `eq` (the default) or `le`: at most the expected count (`migrate_vma_check_page`). */
      cmp: v.optional(v.picklist(['eq', 'le']), 'eq'),
    }),
    results: ['ok', 'mismatch'],
    failures: ['mismatch'],
    run: (c, p) => {
      const id = c.folio(p.folio)
      const f = folios.folio(c.d, id)
      const expected = (p.expect === 'mapcount' ? f.mapcount : p.expect) + p.plus
      const ok = p.cmp === 'le' ? f.refcount <= expected : f.refcount === expected
      c.d.effects.push({
        kind: 'check',
        what: `${id} refcount`,
        actual: String(f.refcount),
        expected: p.cmp === 'le' ? `at most ${String(expected)}` : String(expected),
        ok,
      })
      return ok ? 'ok' : 'mismatch'
    },
  }),
  refFreeze: defineOp({
    schema: v.strictObject({ op: v.literal('refFreeze'), folio: ref, expected: count }),
    results: ['ok', 'busy'],
    failures: ['busy'],
    run: (c, p) => (folios.freeze(c.d, c.folio(p.folio), p.expected) ? 'ok' : 'busy'),
  }),
  refUnfreeze: defineOp({
    schema: v.strictObject({ op: v.literal('refUnfreeze'), folio: ref, count }),
    results: ['ok'],
    run: (c, p) => {
      folios.unfreeze(c.d, c.folio(p.folio), p.count)
      return 'ok'
    },
  }),
  /** `copy_user_highpage`: the destination gets a snapshot of the source's data now. */
  copyPage: defineOp({
    schema: v.strictObject({ op: v.literal('copyPage'), from: ref, to: ref, va: v.optional(address) }),
    results: ['ok'],
    run: (c, p) => {
      const data = folios.readContent(c.d, c.page(p.from, p.va))
      folios.writeContent(c.d, c.page(p.to, p.va), data)
      return 'ok'
    },
  }),
  /** A device or CPU writes data into a page it holds (DMA through a GUP pin, say). */
  writePage: defineOp({
    schema: v.strictObject({
      op: v.literal('writePage'),
      page: ref,
      value: v.pipe(v.string(), v.maxLength(64)),
    }),
    results: ['ok'],
    run: (c, p) => {
      folios.writeContent(c.d, c.page(p.page), p.value)
      return 'ok'
    },
  }),
  /** A user load at `va`: through the TLB or a walk; `fault` if nothing is mapped. */
  userLoad: defineOp({
    schema: v.strictObject({ op: v.literal('userLoad'), va: address, save: ident }),
    saves: { param: 'save', unless: ['fault'] },
    results: ['ok', 'fault'],
    failures: ['fault'],
    run: (c, p) => {
      const page = translate(c, c.va(p.va))
      if (page === null) return 'fault'
      c.setLocal(p.save, folios.readContent(c.d, parsePage(page)))
      return 'ok'
    },
  }),
  userStore: defineOp({
    schema: v.strictObject({
      op: v.literal('userStore'),
      va: address,
      value: v.pipe(v.string(), v.maxLength(64)),
    }),
    results: ['ok', 'fault'],
    failures: ['fault'],
    run: (c, p) => {
      const page = translate(c, c.va(p.va))
      if (page === null) return 'fault'
      folios.writeContent(c.d, parsePage(page), p.value)
      return 'ok'
    },
  }),
}
