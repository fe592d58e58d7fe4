import type { Draft } from './draft'
import { ModelError } from './errors'
import * as folios from './folio'

/**
 * The page cache: `file:index` → folio. Membership holds one reference on the folio; a lookup
 * that returns the folio takes another (`filemap_get_entry` + `folio_try_get`).
 */
export function cacheKey(file: string, index: number): string {
  return `${file}:${String(index)}`
}

export function lookup(d: Draft, file: string, index: number): string | null {
  const id = d.get('pageCache', cacheKey(file, index)) ?? null
  d.read(`pageCache:${cacheKey(file, index)}`, id ?? 'none')
  return id
}

/** Add `folio` at the slot, taking the cache's reference; false if the slot is occupied. */
export function insert(d: Draft, file: string, index: number, folio: string): boolean {
  const key = cacheKey(file, index)
  if (d.get('pageCache', key)) return false
  d.put('pageCache', key, folio)
  folios.get(d, folio)
  d.patch('folios', folio, { mapping: key })
  return true
}

/**
 * Point the slot at another folio, moving the cache's reference (`folio_migrate_mapping` /
 * `__folio_migrate_mapping`): the new folio gains it, the old one's count is left to the caller.
 */
export function replace(d: Draft, file: string, index: number, from: string, to: string): void {
  const key = cacheKey(file, index)
  if (d.get('pageCache', key) !== from) throw new ModelError(`page cache slot ${key} does not hold ${from}`)
  d.put('pageCache', key, to)
  folios.get(d, to)
  d.patch('folios', to, { mapping: key })
  d.patch('folios', from, { mapping: null })
}

export function remove(d: Draft, file: string, index: number): void {
  const key = cacheKey(file, index)
  const id = d.get('pageCache', key)
  if (!id) throw new ModelError(`page cache slot ${key} is empty`)
  d.put('pageCache', key, undefined)
  d.patch('folios', id, { mapping: null })
  folios.put(d, id)
}
