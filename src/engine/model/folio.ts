import type { Draft } from './draft'
import { ModelError } from './errors'
import type { Folio, PageRef } from './types'

/**
 * Folio reference and map counting. Rules kept here and nowhere else:
 * - a plain get needs an existing reference; `try_get` fails on 0 or a frozen count;
 * - the count never goes negative, and the folio is freed when the last reference goes;
 * - FOLL_PIN on a small folio adds GUP_PIN_COUNTING_BIAS to the refcount, on a large folio it adds
 *   1 to the refcount and 1 to the separate pincount (mm/gup.c `try_grab_folio`).
 */
export const GUP_PIN_COUNTING_BIAS = 1024

export function folio(d: Draft, id: string): Folio {
  const f = d.must('folios', id)
  return f
}

function live(d: Draft, id: string, what: string): Folio {
  const f = folio(d, id)
  if (f.freed) throw new ModelError(`${what} on ${id}, which is already freed (use after free)`)
  return f
}

export function get(d: Draft, id: string, n = 1): void {
  const f = live(d, id, 'folio_get')
  if (f.refcount === 0 || f.frozen) throw new ModelError(`folio_get on ${id} with refcount 0`)
  d.patch('folios', id, { refcount: f.refcount + n })
}

/** `folio_try_get` / `try_get_folio`: fails if the count is 0 (being freed) or frozen. */
export function tryGet(d: Draft, id: string, n = 1): boolean {
  const f = folio(d, id)
  d.read(`folios:${id}.refcount`, f.refcount)
  if (f.freed || f.refcount === 0 || f.frozen) return false
  d.patch('folios', id, { refcount: f.refcount + n })
  return true
}

export function put(d: Draft, id: string, n = 1): void {
  const f = live(d, id, 'folio_put')
  const refcount = f.refcount - n
  if (refcount < 0) throw new ModelError(`folio_put on ${id} would make its refcount negative`)
  if (refcount > 0) {
    d.patch('folios', id, { refcount })
    return
  }
  if (f.mapcount > 0) throw new ModelError(`${id} freed while still mapped ${String(f.mapcount)} times`)
  d.patch('folios', id, { refcount: 0, freed: true, lru: false, mapping: null })
}

/** `try_grab_folio(page, 1, FOLL_PIN | FOLL_GET)`. */
export function grab(d: Draft, page: PageRef, pin: boolean): boolean {
  if (!tryGet(d, page.folio)) return false
  if (!pin) return true
  const f = folio(d, page.folio)
  if (f.large) d.patch('folios', page.folio, { pincount: f.pincount + 1 })
  else d.patch('folios', page.folio, { refcount: f.refcount + GUP_PIN_COUNTING_BIAS - 1 })
  return true
}

/** `gup_put_folio` / `unpin_user_page`: undo exactly what `grab` did. */
export function ungrab(d: Draft, page: PageRef, pin: boolean): void {
  const f = live(d, page.folio, 'unpin_user_page')
  if (!pin) {
    put(d, page.folio)
    return
  }
  if (f.large) {
    if (f.pincount < 1) throw new ModelError(`unpin of ${page.folio}, which has no pins`)
    d.patch('folios', page.folio, { pincount: f.pincount - 1 })
    put(d, page.folio)
  } else put(d, page.folio, GUP_PIN_COUNTING_BIAS)
}

/** `isolate_lru_page`: takes a reference and removes the folio from the LRU. */
export function isolateLru(d: Draft, id: string): boolean {
  const f = live(d, id, 'isolate_lru_page')
  if (!f.lru) return false
  d.patch('folios', id, { lru: false, refcount: f.refcount + 1 })
  return true
}

/** `putback_lru_page`: back on the LRU, dropping the isolation reference. */
export function putbackLru(d: Draft, id: string): void {
  const f = live(d, id, 'putback_lru_page')
  if (f.lru) throw new ModelError(`putback of ${id}, which is on the LRU already`)
  d.patch('folios', id, { lru: true })
  put(d, id)
}

/** `folio_ref_freeze(folio, expected)`: atomically 0 if the count is exactly `expected`. */
export function freeze(d: Draft, id: string, expected: number): boolean {
  const f = live(d, id, 'folio_ref_freeze')
  d.effects.push({
    kind: 'check',
    what: `${id} refcount`,
    actual: String(f.refcount),
    expected: String(expected),
    ok: f.refcount === expected,
  })
  if (f.refcount !== expected || f.frozen) return false
  d.patch('folios', id, { refcount: 0, frozen: true })
  return true
}

export function unfreeze(d: Draft, id: string, count: number): void {
  const f = live(d, id, 'folio_ref_unfreeze')
  if (!f.frozen) throw new ModelError(`unfreeze of ${id}, which is not frozen`)
  d.patch('folios', id, { refcount: count, frozen: false })
}

export function addRmap(d: Draft, id: string): void {
  const f = live(d, id, 'page_add_rmap')
  d.patch('folios', id, { mapcount: f.mapcount + 1 })
}

export function removeRmap(d: Draft, id: string): void {
  const f = live(d, id, 'page_remove_rmap')
  if (f.mapcount < 1) throw new ModelError(`rmap removal on ${id}, which is not mapped`)
  d.patch('folios', id, { mapcount: f.mapcount - 1 })
}

export function readContent(d: Draft, page: PageRef): string {
  const f = folio(d, page.folio)
  const v = f.content[page.sub] ?? ''
  d.read(`folios:${page.folio}.content`, v)
  return v
}

export function writeContent(d: Draft, page: PageRef, value: string): void {
  const f = live(d, page.folio, 'write')
  const content = [...f.content]
  while (content.length <= page.sub) content.push('')
  content[page.sub] = value
  d.patch('folios', page.folio, { content })
}

/**
 * Allocate a folio under a scenario-chosen id (one reference, unlocked). An id may be reused once
 * its previous folio was freed: each migration attempt allocates its destination afresh.
 */
export function alloc(d: Draft, id: string, fields: Partial<Folio>): void {
  const old = d.get('folios', id)
  if (old && !old.freed) throw new ModelError(`allocating ${id}, which is still in use`)
  d.put('folios', id, newFolio({ content: [''], ...fields }))
}

export function newFolio(fields: Partial<Folio> & Pick<Folio, 'content'>): Folio {
  return {
    refcount: 1,
    mapcount: 0,
    pincount: 0,
    large: false,
    lru: false,
    anon: true,
    mapping: null,
    index: 0,
    devicePrivate: false,
    frozen: false,
    freed: false,
    ...fields,
  }
}
