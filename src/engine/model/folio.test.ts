import { describe, expect, it } from 'vitest'

import * as folios from './folio'
import { testDraft } from './testing'

describe('folio reference counting', () => {
  it('frees the folio when the last reference goes, and refuses to go negative', () => {
    const d = testDraft(['A'], { folios: { P0: { refcount: 1 } } })
    folios.put(d, 'P0')
    expect(d.must('folios', 'P0')).toMatchObject({ refcount: 0, freed: true })
    expect(() => folios.put(d, 'P0')).toThrow(/already freed/)
  })

  it('try_get fails on a zero or frozen count; get on zero is a model error', () => {
    const d = testDraft(['A'], { folios: { P0: { refcount: 2 }, Z: { refcount: 0 } } })
    expect(folios.tryGet(d, 'Z')).toBe(false)
    expect(() => folios.get(d, 'Z')).toThrow(/refcount 0/)
    expect(folios.freeze(d, 'P0', 2)).toBe(true)
    expect(folios.tryGet(d, 'P0')).toBe(false)
    folios.unfreeze(d, 'P0', 2)
    expect(folios.tryGet(d, 'P0')).toBe(true)
    expect(d.must('folios', 'P0').refcount).toBe(3)
  })

  it('freeze fails unless the count is exactly the expected one', () => {
    const d = testDraft(['A'], { folios: { P0: { refcount: 3 } } })
    expect(folios.freeze(d, 'P0', 2)).toBe(false)
    expect(d.must('folios', 'P0').refcount).toBe(3)
    expect(d.effects.at(-1)).toMatchObject({ kind: 'check', actual: '3', expected: '2', ok: false })
  })

  it('FOLL_PIN adds the 1024 bias to a small folio and a pincount to a large one', () => {
    const d = testDraft(['A'], { folios: { P0: { refcount: 1 }, H: { refcount: 1, large: true } } })
    expect(folios.grab(d, { folio: 'P0', sub: 0 }, true)).toBe(true)
    expect(d.must('folios', 'P0').refcount).toBe(1 + folios.GUP_PIN_COUNTING_BIAS)
    expect(folios.grab(d, { folio: 'H', sub: 1 }, true)).toBe(true)
    expect(d.must('folios', 'H')).toMatchObject({ refcount: 2, pincount: 1 })
    folios.ungrab(d, { folio: 'P0', sub: 0 }, true)
    folios.ungrab(d, { folio: 'H', sub: 1 }, true)
    expect(d.must('folios', 'P0').refcount).toBe(1)
    expect(d.must('folios', 'H')).toMatchObject({ refcount: 1, pincount: 0 })
  })

  it('isolation from the LRU takes a reference and putback drops it', () => {
    const d = testDraft(['A'], { folios: { P0: { refcount: 1, lru: true } } })
    expect(folios.isolateLru(d, 'P0')).toBe(true)
    expect(folios.isolateLru(d, 'P0')).toBe(false)
    expect(d.must('folios', 'P0')).toMatchObject({ refcount: 2, lru: false })
    folios.putbackLru(d, 'P0')
    expect(d.must('folios', 'P0')).toMatchObject({ refcount: 1, lru: true })
  })

  it('a freed folio that is still mapped is a model error', () => {
    const d = testDraft(['A'], { folios: { P0: { refcount: 1, mapcount: 1 } } })
    expect(() => folios.put(d, 'P0')).toThrow(/still mapped/)
  })

  it('keeps per-subpage contents so a lost write is observable', () => {
    const d = testDraft(['A'], { folios: { H: { large: true, content: ['a', 'b'] } } })
    folios.writeContent(d, { folio: 'H', sub: 1 }, 'z')
    expect(folios.readContent(d, { folio: 'H', sub: 1 })).toBe('z')
    expect(folios.readContent(d, { folio: 'H', sub: 0 })).toBe('a')
  })
})
