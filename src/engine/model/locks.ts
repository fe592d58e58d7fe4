import type { Draft, World } from './draft'
import { ModelError } from './errors'
import { own } from './own'
import type { Letter, LockMode, LockState, WaitReason } from './types'

/**
 * Lock semantics, as Linux has them:
 * - spinlocks are queued (qspinlock): waiters take the lock in arrival order, and the model hands
 *   it to the head waiter on release, so a spinner can never starve the next owner;
 * - rw-semaphores and mutexes sleep; an rwsem admits readers together, but a reader arriving
 *   behind a queued writer waits (no writer starvation), and trylock fails whenever anyone waits;
 * - the folio lock (PG_locked) is a sleeping exclusive lock whose waiters may also just wait for
 *   it to be released without taking it (`migration_entry_wait_on_locked`). By default it is
 *   handed to the first waiter at once (FIFO). A scenario may ask for the kernel's unfair lock
 *   (`folio_wait_bit_common`, see `unfairness`): an unlock wakes the first waiter without
 *   handing it the bit, anyone may take the free bit first (trylock, a new `folio_lock`), and a
 *   waiter that loses re-queues at the tail; only after `sysctl_page_lock_unfairness` lost
 *   wake-ups is the bit handed over. One bound remains: the kernel's unlocker can find the bit
 *   stolen before its wake-up walk and leave the waiter queued, not woken; the model's unlock and
 *   walk are one step, so there the waiter is woken, loses and re-queues at the tail instead.
 *
 * A waiter is handed the resource while blocked (`granted`); its waiting step then runs in full
 * the next time it is scheduled.
 */
export type LockKind = World['lockKinds'][string]

const FOLIO_LOCK = 'PG_locked:'

export function folioLockName(folio: string): string {
  return `${FOLIO_LOCK}${folio}`
}

const PTL = 'ptl:'

/** The split PTE lock of a table: every table has its own. */
export function ptlName(table: string): string {
  return `${PTL}${table}`
}

export function lockKind(world: World, name: string): LockKind {
  if (name.startsWith(FOLIO_LOCK)) return 'folio'
  if (name.startsWith(PTL)) return 'spin'
  const k = own(world.lockKinds, name)
  if (!k) throw new ModelError(`unknown lock '${name}'`)
  return k
}

function compatible(l: LockState, mode: LockMode, kind: LockKind): boolean {
  if (l.holders.length === 0) return true
  return kind === 'rwsem' && mode === 'read' && l.holders.every((h) => h.mode === 'read')
}

function normalMode(kind: LockKind, mode: LockMode): LockMode {
  return kind === 'rwsem' ? mode : 'write'
}

export function describeHolders(l: LockState): string {
  if (l.holders.length === 0) return 'free'
  return l.holders.map((h) => (h.mode === 'read' ? `${h.t} (read)` : h.t)).join(', ')
}

/** Take the lock now or queue for it. Returns whether the caller holds it when this returns. */
export function acquire(d: Draft, t: Letter, name: string, mode: LockMode): 'acquired' | 'queued' {
  const kind = lockKind(d.world, name)
  const m = normalMode(kind, mode)
  const l = d.lock(name)
  if (d.thread(t).granted) {
    if (!l.holders.some((h) => h.t === t))
      throw new ModelError(`${t} was woken for ${name} but does not hold it`)
    d.patchThread(t, { granted: false })
    d.effects.push({ kind: 'lock', lock: name, mode: m, t })
    return 'acquired'
  }
  if (l.holders.some((h) => h.t === t)) throw new ModelError(`${t} already holds ${name}: self-deadlock`)
  const unfair = unfairness(d, kind) > 0
  const racer = unfair ? l.racing?.find((r) => r.t === t) : undefined
  const racing = racer ? l.racing?.filter((r) => r.t !== t) : l.racing
  // The unfair folio lock is taken whenever PG_locked is clear, waiters or not (folio_trylock).
  if ((unfair || l.waiters.length === 0) && compatible(l, m, kind)) {
    d.putLock(name, { holders: [...l.holders, { t, mode: m }], waiters: l.waiters, racing })
    d.effects.push({ kind: 'lock', lock: name, mode: m, t })
    return 'acquired'
  }
  const reason: WaitReason = { kind: 'lock', lock: name, mode: m, spin: kind === 'spin' }
  const waiter = unfair
    ? { t, mode: m, want: 'acquire' as const, lost: racer ? racer.lost + 1 : 0 }
    : { t, mode: m, want: 'acquire' as const }
  d.putLock(name, { holders: l.holders, waiters: [...l.waiters, waiter], racing })
  block(
    d,
    t,
    reason,
    `${kind === 'spin' ? 'spinning' : 'sleeping'} on ${name}, held by ${describeHolders(l)}`
  )
  return 'queued'
}

/** `spin_trylock`, `down_read_trylock`, `folio_trylock`: never blocks. */
export function tryAcquire(d: Draft, t: Letter, name: string, mode: LockMode): boolean {
  const kind = lockKind(d.world, name)
  const m = normalMode(kind, mode)
  const l = d.lock(name)
  if (l.holders.some((h) => h.t === t)) throw new ModelError(`${t} already holds ${name}`)
  const waitersBlock = l.waiters.length > 0 && unfairness(d, kind) === 0
  if (waitersBlock || !compatible(l, m, kind)) {
    d.read(`locks:${name}`, describeHolders(l))
    return false
  }
  d.putLock(name, { ...l, holders: [...l.holders, { t, mode: m }] })
  d.effects.push({ kind: 'lock', lock: name, mode: m, t })
  return true
}

export function release(d: Draft, t: Letter, name: string): void {
  const l = d.lock(name)
  if (!l.holders.some((h) => h.t === t))
    throw new ModelError(`${t} releases ${name}, which it does not hold (held by ${describeHolders(l)})`)
  d.putLock(name, { ...l, holders: l.holders.filter((h) => h.t !== t) })
  d.effects.push({ kind: 'unlock', lock: name, t })
  handOver(d, name)
}

/**
 * Wait until the lock is released, without taking it. Returns true if it is free already.
 * `drop` is a lock released as the waiter queues (`migration_entry_wait_on_locked` queues with
 * the PTE lock held and drops it before sleeping, so no unlock can slip in between).
 */
export function waitUnlocked(d: Draft, t: Letter, name: string, drop?: string): boolean {
  const l = d.lock(name)
  if (d.thread(t).granted) {
    d.patchThread(t, { granted: false })
    return true
  }
  if (l.holders.length === 0) {
    if (drop !== undefined) release(d, t, drop)
    return true
  }
  d.putLock(name, { ...l, waiters: [...l.waiters, { t, mode: 'read', want: 'unlock-wait' }] })
  if (drop !== undefined) release(d, t, drop)
  block(
    d,
    t,
    { kind: 'unlock-wait', lock: name },
    `sleeping until ${name} is released by ${describeHolders(l)}`
  )
  return false
}

export function holds(d: Draft, t: Letter, name: string): boolean {
  return d.lock(name).holders.some((h) => h.t === t)
}

/** Wake waiters in arrival order while they can be satisfied; the first that cannot stops it. */
function handOver(d: Draft, name: string): void {
  const kind = lockKind(d.world, name)
  const bound = unfairness(d, kind)
  let l = d.lock(name)
  while (l.waiters.length > 0) {
    const [head, ...rest] = l.waiters
    if (!head) break
    if (head.want === 'unlock-wait') {
      if (l.holders.length > 0) break
      l = { ...l, waiters: rest }
    } else {
      if (!compatible(l, head.mode, kind)) break
      const lost = head.lost ?? 0
      if (bound > 0 && lost < bound) {
        // wake_page_function: the first exclusive waiter is woken, not given the bit, and the
        // walk stops there; it must win PG_locked itself when it runs.
        l = { ...l, waiters: rest, racing: [...(l.racing ?? []), { t: head.t, lost }] }
        resume(
          d,
          head.t,
          `${name} released: woken to race for it (${String(lost)} of ${String(bound)} wake-ups lost)`
        )
        break
      }
      l = { ...l, holders: [...l.holders, { t: head.t, mode: head.mode }], waiters: rest }
    }
    wake(d, head.t, head.want === 'acquire' ? `handed ${name}` : `${name} released`)
  }
  d.putLock(name, l)
}

/** Lost wake-ups allowed before hand-off: only folio locks, only when the scenario asks. */
function unfairness(d: Draft, kind: LockKind): number {
  return kind === 'folio' ? (d.world.folioLockUnfairness ?? 0) : 0
}

export function block(d: Draft, t: Letter, reason: WaitReason, text: string): void {
  d.patchThread(t, { blocked: reason })
  d.effects.push({ kind: 'block', t, reason: text })
}

/** Hand a waited-for resource to a thread blocked at the start of its step. */
export function wake(d: Draft, t: Letter, text: string): void {
  d.patchThread(t, { blocked: null, granted: true })
  d.effects.push({ kind: 'wake', t, reason: text })
}

/** End a wait that began after a step finished (IPI acks, grace periods): nothing is handed over. */
export function resume(d: Draft, t: Letter, text: string): void {
  d.patchThread(t, { blocked: null })
  d.effects.push({ kind: 'wake', t, reason: text })
}
