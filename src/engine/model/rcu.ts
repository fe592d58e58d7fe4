import type { Draft } from './draft'
import { ModelError } from './errors'
import { block, resume } from './locks'
import type { Letter } from './types'

/**
 * RCU: a CPU is a reader while it holds `rcu_read_lock` or has IRQs off. `call_rcu` and
 * `synchronize_rcu` wait only for the readers present when they were called. A callback runs in
 * the step in which its last reader leaves (the earliest moment the kernel may run it, hence the
 * most adversarial one for a use-after-free).
 */
export function inReader(d: Draft, t: Letter): boolean {
  const th = d.thread(t)
  return th.irqsOff || th.rcuDepth > 0
}

function readers(d: Draft): Letter[] {
  return d.world.cpus.filter((c) => inReader(d, c))
}

export function readLock(d: Draft, t: Letter): void {
  d.patchThread(t, { rcuDepth: d.thread(t).rcuDepth + 1 })
}

export function readUnlock(d: Draft, t: Letter): void {
  const th = d.thread(t)
  if (th.rcuDepth < 1) throw new ModelError(`${t} calls rcu_read_unlock outside a read-side section`)
  d.patchThread(t, { rcuDepth: th.rcuDepth - 1 })
  if (th.rcuDepth === 1 && !th.irqsOff) quiescent(d, t)
}

/** `pte_free_defer` / `call_rcu`: free the table once the current readers have left. */
export function deferFreeTable(d: Draft, table: string): void {
  const waitFor = readers(d)
  if (waitFor.length === 0) {
    freeTable(d, table)
    return
  }
  d.patch('tables', table, { status: 'rcu-pending' })
  d.put('rcu', `free:${table}`, { waitFor, freeTable: table })
}

export function freeTable(d: Draft, table: string): void {
  d.patch('tables', table, { status: 'freed' })
}

/** Blocks the caller (after its step) until the readers present now have left. */
export function synchronize(d: Draft, t: Letter): void {
  const waitFor = readers(d).filter((c) => c !== t)
  if (waitFor.length > 0)
    block(
      d,
      t,
      { kind: 'rcu-gp', waitFor },
      `waiting for an RCU grace period (readers: ${waitFor.join(', ')})`
    )
}

/** `t` left its read-side section: advance every grace period that was waiting for it. */
export function quiescent(d: Draft, t: Letter): void {
  for (const [id, cb] of Object.entries(d.cells('rcu'))) {
    if (!cb.waitFor.includes(t)) continue
    const waitFor = cb.waitFor.filter((c) => c !== t)
    if (waitFor.length > 0) d.put('rcu', id, { ...cb, waitFor })
    else {
      d.put('rcu', id, undefined)
      freeTable(d, cb.freeTable)
    }
  }
  for (const [u, th] of Object.entries(d.cells('threads'))) {
    if (th.blocked?.kind !== 'rcu-gp' || !th.blocked.waitFor.includes(t)) continue
    const waitFor = th.blocked.waitFor.filter((c) => c !== t)
    if (waitFor.length > 0) d.patchThread(u, { blocked: { kind: 'rcu-gp', waitFor } })
    else resume(d, u, 'RCU grace period ended')
  }
}
