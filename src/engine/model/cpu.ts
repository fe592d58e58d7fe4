import type { Draft } from './draft'
import { ModelError } from './errors'
import { hex } from './format'
import { block, resume } from './locks'
import { quiescent } from './rcu'
import type { IpiMsg, Letter } from './types'

/**
 * Per-CPU behaviour: interrupts, IPIs and TLBs.
 * - With IRQs off an incoming IPI stays pending; it runs (and is acknowledged) in the step that
 *   re-enables IRQs. With IRQs on it runs at once, as an interrupt would.
 * - An IPI sent with wait (`smp_call_function_many(..., wait=1)`) blocks its sender until every
 *   target has run the handler; the sender may hold spinlocks meanwhile (khugepaged does).
 * - A hardware broadcast invalidate (arm64 TLBI ...IS + DSB) removes the entries from every CPU's
 *   TLB in one step and waits for nothing, whatever the other CPUs' IRQ state.
 * - An IRQs-off region is also an RCU read-side section (RCU flavour consolidation, v5.0+).
 */
export function irqDisable(d: Draft, t: Letter): void {
  if (d.thread(t).irqsOff) throw new ModelError(`${t} disables IRQs twice (the model has no nesting)`)
  d.patchThread(t, { irqsOff: true })
}

export function irqEnable(d: Draft, t: Letter): void {
  const th = d.thread(t)
  if (!th.irqsOff) throw new ModelError(`${t} enables IRQs that were not disabled`)
  d.patchThread(t, { irqsOff: false, pendingIpis: [] })
  for (const msg of th.pendingIpis) runIpi(d, t, msg)
  if (th.rcuDepth === 0) quiescent(d, t)
}

function tlbKey(mm: string, va: number): string {
  return `${mm}:${hex(va)}`
}

export function tlbLookup(d: Draft, t: Letter, mm: string, va: number): string | undefined {
  return d.thread(t).tlb[tlbKey(mm, va)]
}

export function tlbFill(d: Draft, t: Letter, mm: string, va: number, page: string): void {
  d.patchThread(t, { tlb: { ...d.thread(t).tlb, [tlbKey(mm, va)]: page } })
}

/** Drop this CPU's TLB entries for `mm` in [start, end). */
export function tlbFlushLocal(d: Draft, t: Letter, mm: string, start: number, end: number): void {
  const tlb = d.thread(t).tlb
  const kept: Record<string, string> = {}
  let changed = false
  for (const [k, v] of Object.entries(tlb)) {
    const [kmm, kva] = splitKey(k)
    if (kmm === mm && kva >= start && kva < end) changed = true
    else kept[k] = v
  }
  if (changed) d.patchThread(t, { tlb: kept })
}

function splitKey(k: string): [string, number] {
  const i = k.lastIndexOf(':')
  return [k.slice(0, i), Number(k.slice(i + 1))]
}

/** arm64 `TLBI ...IS` + `DSB ISH`: every CPU's entries go now; nobody is asked. */
export function tlbFlushBroadcast(d: Draft, mm: string, start: number, end: number): void {
  for (const c of d.world.cpus) tlbFlushLocal(d, c, mm, start, end)
}

/**
 * Send `msg` to the other CPUs (those running `mm` for a TLB flush, all for a sync) and, with
 * `wait`, block the sender until each has run it. Returns the CPUs still to acknowledge.
 */
export function sendIpi(d: Draft, from: Letter, msg: Omit<IpiMsg, 'from'>, wait: boolean): Letter[] {
  const full: IpiMsg = { ...msg, from }
  const targets = d.world.cpus.filter(
    (c) => c !== from && (msg.action === 'sync' || d.world.threadMm[c] === msg.mm)
  )
  const pending: Letter[] = []
  for (const c of targets) {
    const th = d.thread(c)
    if (th.irqsOff) {
      d.patchThread(c, { pendingIpis: [...th.pendingIpis, full] })
      pending.push(c)
    } else runIpi(d, c, full)
  }
  if (wait && pending.length > 0)
    block(
      d,
      from,
      { kind: 'ipi', waitFor: pending },
      `waiting for ${pending.join(', ')} to take the IPI (IRQs off)`
    )
  return pending
}

function runIpi(d: Draft, t: Letter, msg: IpiMsg): void {
  if (msg.action === 'tlb-flush') tlbFlushLocal(d, t, msg.mm, msg.start, msg.end)
  const sender = d.thread(msg.from)
  if (sender.blocked?.kind !== 'ipi' || !sender.blocked.waitFor.includes(t)) return
  const waitFor = sender.blocked.waitFor.filter((c) => c !== t)
  if (waitFor.length === 0) resume(d, msg.from, `all IPIs acknowledged (last: ${t})`)
  else d.patchThread(msg.from, { blocked: { kind: 'ipi', waitFor } })
}
