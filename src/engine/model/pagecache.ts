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

export function insert(d: Draft, file: string, index: number, folio: string): void {
  const key = cacheKey(file, index)
  if (d.get('pageCache', key)) throw new ModelError(`page cache slot ${key} is occupied`)
  d.put('pageCache', key, folio)
  folios.get(d, folio)
  d.patch('folios', folio, { mapping: key })
}

export function remove(d: Draft, file: string, index: number): void {
  const key = cacheKey(file, index)
  const id = d.get('pageCache', key)
  if (!id) throw new ModelError(`page cache slot ${key} is empty`)
  d.put('pageCache', key, undefined)
  d.patch('folios', id, { mapping: null })
  folios.put(d, id)
}
