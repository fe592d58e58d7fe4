import { describe, expect, it } from 'vitest'

import * as cache from './pagecache'
import { testDraft } from './testing'

describe('the page cache', () => {
  it('holds one reference on each folio it maps, and records the slot in folio->mapping', () => {
    const d = testDraft(['A'], { folios: { P: { refcount: 1 } } })
    expect(cache.insert(d, 'shmem', 0, 'P')).toBe(true)
    expect(d.must('folios', 'P')).toMatchObject({ refcount: 2, mapping: 'shmem:0' })
    expect(cache.lookup(d, 'shmem', 0)).toBe('P')
  })

  it('refuses a second folio in an occupied slot', () => {
    const d = testDraft(['A'], { folios: { P: {}, Z: {} } })
    cache.insert(d, 'shmem', 0, 'P')
    expect(cache.insert(d, 'shmem', 0, 'Z')).toBe(false)
    expect(cache.lookup(d, 'shmem', 0)).toBe('P')
  })

  it('moves the slot and its reference to a new folio on migration', () => {
    const d = testDraft(['A'], { folios: { P: { refcount: 2 }, Q: { refcount: 1 } } })
    d.put('pageCache', 'shmem:0', 'P')
    d.patch('folios', 'P', { mapping: 'shmem:0' })
    cache.replace(d, 'shmem', 0, 'P', 'Q')
    expect(cache.lookup(d, 'shmem', 0)).toBe('Q')
    expect(d.must('folios', 'Q')).toMatchObject({ refcount: 2, mapping: 'shmem:0' })
    expect(d.must('folios', 'P').mapping).toBeNull()
  })

  it('drops the reference when a folio leaves the cache', () => {
    const d = testDraft(['A'], { folios: { P: { refcount: 1 } } })
    cache.insert(d, 'shmem', 0, 'P')
    cache.remove(d, 'shmem', 0)
    expect(cache.lookup(d, 'shmem', 0)).toBeNull()
    expect(d.must('folios', 'P')).toMatchObject({ refcount: 1, mapping: null })
    expect(() => cache.remove(d, 'shmem', 0)).toThrow(/empty/)
  })
})
