import * as v from 'valibot'

import { ModelError } from '../model/errors'
import { folioLockName, acquire, ptlName, release, tryAcquire, waitUnlocked } from '../model/locks'
import type { OpCtx } from './context'
import { defineOp, ident, QUEUED, ref } from './op'

const mode = v.optional(v.picklist(['read', 'write']), 'write')

/**
 * A lock named directly, or `ptlOf`: the PTE lock of the table a PMD value points to
 * (`pte_lockptr(mm, pmd)`), for code that may be working on a table it just allocated.
 */
function lockName(c: OpCtx, p: { lock?: string; ptlOf?: string }): string {
  if (p.lock !== undefined) return p.lock
  if (p.ptlOf === undefined) throw new ModelError('a lock op needs "lock" or "ptlOf"')
  const e = c.entry(p.ptlOf)
  if (e.k !== 'table') throw new ModelError(`${p.ptlOf} is ${e.k}, not a PTE table: no PTE lock`)
  return ptlName(e.table)
}

export const lockOps = {
  /** `spin_lock`, `down_read`/`down_write`, `mutex_lock`: queue and wait if it is taken. */
  lock: defineOp({
    schema: v.strictObject({ op: v.literal('lock'), lock: v.optional(ident), ptlOf: v.optional(ref), mode }),
    results: ['ok'],
    position: 'wait',
    run: (c, p) => (acquire(c.d, c.t, lockName(c, p), p.mode) === 'acquired' ? 'ok' : QUEUED),
  }),
  trylock: defineOp({
    schema: v.strictObject({ op: v.literal('trylock'), lock: ident, mode }),
    results: ['ok', 'busy'],
    failures: ['busy'],
    run: (c, p) => (tryAcquire(c.d, c.t, p.lock, p.mode) ? 'ok' : 'busy'),
  }),
  unlock: defineOp({
    schema: v.strictObject({ op: v.literal('unlock'), lock: v.optional(ident), ptlOf: v.optional(ref) }),
    results: ['ok'],
    run: (c, p) => {
      release(c.d, c.t, lockName(c, p))
      return 'ok'
    },
  }),
  /** `folio_lock`: sleeps on PG_locked. */
  folioLock: defineOp({
    schema: v.strictObject({ op: v.literal('folioLock'), folio: ref }),
    results: ['ok'],
    position: 'wait',
    run: (c, p) =>
      acquire(c.d, c.t, folioLockName(c.folio(p.folio)), 'write') === 'acquired' ? 'ok' : QUEUED,
  }),
  /** `folio_trylock` / `trylock_page`. */
  folioTrylock: defineOp({
    schema: v.strictObject({ op: v.literal('folioTrylock'), folio: ref }),
    results: ['ok', 'busy'],
    failures: ['busy'],
    run: (c, p) => (tryAcquire(c.d, c.t, folioLockName(c.folio(p.folio)), 'write') ? 'ok' : 'busy'),
  }),
  folioUnlock: defineOp({
    schema: v.strictObject({ op: v.literal('folioUnlock'), folio: ref }),
    results: ['ok'],
    run: (c, p) => {
      release(c.d, c.t, folioLockName(c.folio(p.folio)))
      return 'ok'
    },
  }),
  /**
   * `migration_entry_wait_on_locked`: sleep until PG_locked clears, holding no reference;
   * `drop` names a lock (the PTE lock) released as the thread queues.
   */
  folioWaitUnlocked: defineOp({
    schema: v.strictObject({ op: v.literal('folioWaitUnlocked'), folio: ref, drop: v.optional(ident) }),
    results: ['ok'],
    position: 'wait',
    run: (c, p) => (waitUnlocked(c.d, c.t, folioLockName(c.folio(p.folio)), p.drop) ? 'ok' : QUEUED),
  }),
  /** Is the folio locked (PG_locked)? For `BUG_ON(!PageLocked(page))` and similar checks. */
  folioLocked: defineOp({
    schema: v.strictObject({ op: v.literal('folioLocked'), folio: ref }),
    results: ['locked', 'unlocked'],
    run: (c, p) => {
      const name = folioLockName(c.folio(p.folio))
      const held = c.d.lock(name).holders.length > 0
      c.d.read(`locks:${name}`, held ? 'locked' : 'unlocked')
      return held ? 'locked' : 'unlocked'
    },
  }),
}
