import { describe, expect, it } from 'vitest'

import { acquire, folioLockName, release, tryAcquire, waitUnlocked } from './locks'
import { testDraft } from './testing'

describe('spinlocks are queued: waiters get the lock in arrival order', () => {
  it('hands the lock to the first waiter on release, not to a newcomer', () => {
    const d = testDraft(['A', 'B', 'C'], { locks: { ptl: 'spin' } })
    expect(acquire(d, 'A', 'ptl', 'write')).toBe('acquired')
    expect(acquire(d, 'B', 'ptl', 'write')).toBe('queued')
    expect(d.thread('B').blocked).toEqual({ kind: 'lock', lock: 'ptl', mode: 'write', spin: true })
    expect(acquire(d, 'C', 'ptl', 'write')).toBe('queued')
    release(d, 'A', 'ptl')
    expect(d.lock('ptl').holders).toEqual([{ t: 'B', mode: 'write' }])
    expect(d.thread('B')).toMatchObject({ blocked: null, granted: true })
    expect(d.thread('C').blocked?.kind).toBe('lock')
    // B's waiting step runs again and now simply proceeds.
    expect(acquire(d, 'B', 'ptl', 'write')).toBe('acquired')
    expect(d.thread('B').granted).toBe(false)
  })

  it('trylock never blocks and fails while the lock is held', () => {
    const d = testDraft(['A', 'B'], { locks: { ptl: 'spin' } })
    acquire(d, 'A', 'ptl', 'write')
    expect(tryAcquire(d, 'B', 'ptl', 'write')).toBe(false)
    expect(d.thread('B').blocked).toBeNull()
  })

  it('only the holder may release', () => {
    const d = testDraft(['A', 'B'], { locks: { ptl: 'spin' } })
    acquire(d, 'A', 'ptl', 'write')
    expect(() => release(d, 'B', 'ptl')).toThrow(/B releases ptl, which it does not hold/)
  })

  it('taking a held lock again is a self-deadlock', () => {
    const d = testDraft(['A'], { locks: { ptl: 'spin' } })
    acquire(d, 'A', 'ptl', 'write')
    expect(() => acquire(d, 'A', 'ptl', 'write')).toThrow(/self-deadlock/)
  })
})

describe('rw-semaphores', () => {
  it('admit readers together and make a writer sleep until all have left', () => {
    const d = testDraft(['A', 'B', 'C'], { locks: { mmap_lock: 'rwsem' } })
    expect(acquire(d, 'A', 'mmap_lock', 'read')).toBe('acquired')
    expect(acquire(d, 'B', 'mmap_lock', 'read')).toBe('acquired')
    expect(acquire(d, 'C', 'mmap_lock', 'write')).toBe('queued')
    expect(d.thread('C').blocked).toMatchObject({ spin: false })
    release(d, 'A', 'mmap_lock')
    expect(d.thread('C').blocked).not.toBeNull()
    release(d, 'B', 'mmap_lock')
    expect(d.lock('mmap_lock').holders).toEqual([{ t: 'C', mode: 'write' }])
  })

  it('queue a reader behind a waiting writer, and fail read-trylock while anyone waits', () => {
    const d = testDraft(['A', 'B', 'C', 'D'], { locks: { mmap_lock: 'rwsem' } })
    acquire(d, 'A', 'mmap_lock', 'read')
    acquire(d, 'B', 'mmap_lock', 'write')
    expect(acquire(d, 'C', 'mmap_lock', 'read')).toBe('queued')
    expect(tryAcquire(d, 'D', 'mmap_lock', 'read')).toBe(false)
    release(d, 'A', 'mmap_lock')
    expect(d.lock('mmap_lock').holders.map((h) => h.t)).toEqual(['B'])
    release(d, 'B', 'mmap_lock')
    expect(d.lock('mmap_lock').holders.map((h) => h.t)).toEqual(['C'])
  })

  it('wake every consecutive reader at the head of the queue together', () => {
    const d = testDraft(['A', 'B', 'C'], { locks: { sem: 'rwsem' } })
    acquire(d, 'A', 'sem', 'write')
    acquire(d, 'B', 'sem', 'read')
    acquire(d, 'C', 'sem', 'read')
    release(d, 'A', 'sem')
    expect(d.lock('sem').holders.map((h) => h.t)).toEqual(['B', 'C'])
  })
})

describe('the folio lock', () => {
  it('lets a thread wait for PG_locked to clear without taking it', () => {
    const d = testDraft(['A', 'B'], { folios: { P0: {} } })
    const lock = folioLockName('P0')
    acquire(d, 'A', lock, 'write')
    expect(waitUnlocked(d, 'B', lock)).toBe(false)
    expect(d.thread('B').blocked).toEqual({ kind: 'unlock-wait', lock })
    release(d, 'A', lock)
    expect(d.lock(lock).holders).toEqual([])
    expect(d.thread('B')).toMatchObject({ blocked: null, granted: true })
    expect(waitUnlocked(d, 'B', lock)).toBe(true)
  })

  it('leaves an unlock-waiter asleep when the lock is handed to an exclusive waiter ahead of it', () => {
    const d = testDraft(['A', 'B', 'C'], { folios: { P0: {} } })
    const lock = folioLockName('P0')
    acquire(d, 'A', lock, 'write')
    acquire(d, 'B', lock, 'write')
    waitUnlocked(d, 'C', lock)
    release(d, 'A', lock)
    expect(d.lock(lock).holders.map((h) => h.t)).toEqual(['B'])
    expect(d.thread('C').blocked?.kind).toBe('unlock-wait')
    release(d, 'B', lock)
    expect(d.thread('C').blocked).toBeNull()
  })
})
