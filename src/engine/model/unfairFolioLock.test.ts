import { describe, expect, it } from 'vitest'

import { Draft } from './draft'
import { acquire, folioLockName, release, tryAcquire, waitUnlocked } from './locks'
import { testState, testWorld } from './testing'

const P = folioLockName('P')

function unfairDraft(letters: readonly string[], unfairness = 5): Draft {
  return new Draft(testState(letters, { P: {} }), { ...testWorld(letters), folioLockUnfairness: unfairness })
}

describe('the unfair folio lock (folio_wait_bit_common with sysctl_page_lock_unfairness)', () => {
  it('an unlock wakes the first waiter without handing it the bit, and a trylock may steal it', () => {
    const d = unfairDraft(['A', 'B', 'C'])
    expect(acquire(d, 'A', P, 'write')).toBe('acquired')
    expect(acquire(d, 'B', P, 'write')).toBe('queued')
    release(d, 'A', P)
    expect(d.lock(P).holders).toEqual([])
    expect(d.lock(P).racing).toEqual([{ t: 'B', lost: 0 }])
    expect(d.thread('B')).toMatchObject({ blocked: null, granted: false })
    // PG_locked is clear: a newcomer takes it although B was woken for it.
    expect(tryAcquire(d, 'C', P, 'write')).toBe(true)
    // B runs, finds the bit set again and queues at the tail, one wake-up lost.
    expect(acquire(d, 'B', P, 'write')).toBe('queued')
    expect(d.lock(P).waiters).toEqual([{ t: 'B', mode: 'write', want: 'acquire', lost: 1 }])
    expect(d.lock(P).racing).toBeUndefined()
  })

  it('a woken waiter that finds the bit clear takes it', () => {
    const d = unfairDraft(['A', 'B'])
    acquire(d, 'A', P, 'write')
    acquire(d, 'B', P, 'write')
    release(d, 'A', P)
    expect(acquire(d, 'B', P, 'write')).toBe('acquired')
    expect(d.lock(P)).toEqual({ holders: [{ t: 'B', mode: 'write' }], waiters: [] })
  })

  it('after 5 lost wake-ups the unlocker hands the bit over (WQ_FLAG_CUSTOM)', () => {
    const d = unfairDraft(['A', 'B'])
    acquire(d, 'A', P, 'write')
    acquire(d, 'B', P, 'write')
    for (let lost = 0; lost < 5; lost++) {
      release(d, 'A', P)
      expect(d.lock(P).racing).toEqual([{ t: 'B', lost }])
      expect(acquire(d, 'A', P, 'write')).toBe('acquired')
      expect(acquire(d, 'B', P, 'write')).toBe('queued')
    }
    expect(d.lock(P).waiters[0]?.lost).toBe(5)
    release(d, 'A', P)
    expect(d.lock(P).holders).toEqual([{ t: 'B', mode: 'write' }])
    expect(d.thread('B')).toMatchObject({ blocked: null, granted: true })
    expect(tryAcquire(d, 'A', P, 'write')).toBe(false)
  })

  it('the wake-up walk stops at the first exclusive waiter; waiters behind it wait for the next unlock', () => {
    const d = unfairDraft(['A', 'B', 'C'])
    acquire(d, 'A', P, 'write')
    acquire(d, 'B', P, 'write')
    expect(waitUnlocked(d, 'C', P)).toBe(false)
    release(d, 'A', P)
    expect(d.thread('C').blocked?.kind).toBe('unlock-wait')
    expect(acquire(d, 'B', P, 'write')).toBe('acquired')
    release(d, 'B', P)
    expect(d.thread('C')).toMatchObject({ blocked: null })
    expect(d.lock(P)).toEqual({ holders: [], waiters: [] })
  })

  it('other locks keep FIFO hand-off, and so does the folio lock without the setting', () => {
    const d = new Draft(testState(['A', 'B', 'C'], { P: {} }), testWorld(['A', 'B', 'C']))
    acquire(d, 'A', P, 'write')
    acquire(d, 'B', P, 'write')
    release(d, 'A', P)
    expect(d.lock(P).holders).toEqual([{ t: 'B', mode: 'write' }])
    expect(tryAcquire(d, 'C', P, 'write')).toBe(false)
  })
})
