import * as v from 'valibot'

import { ModelError } from '../model/errors'
import { irqDisable, irqEnable, sendIpi, tlbFlushBroadcast, tlbFlushLocal } from '../model/cpu'
import { pmdSpan } from '../model/pagetable'
import { readLock, readUnlock, synchronize } from '../model/rcu'
import { notifierInvalidate } from '../model/secondary'
import type { OpCtx } from './context'
import { address, defineOp, ident } from './op'

const span = v.optional(
  v.union([v.literal('pmd'), v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1 << 20))]),
  1
)

/** [start, end) for `va` and a span in pages, or the whole PMD range containing `va`. */
function range(c: OpCtx, va: string | number, pages: 'pmd' | number): [number, number] {
  const a = c.va(va)
  if (pages === 'pmd') {
    const s = pmdSpan(c.d.world)
    const start = Math.floor(a / s) * s
    return [start, start + s]
  }
  return [a, a + pages * c.d.world.pageSize]
}

function simple(op: string, run: (c: OpCtx) => void) {
  return defineOp({
    schema: v.strictObject({ op: v.literal(op) }),
    results: ['ok'],
    run: (c) => {
      run(c)
      return 'ok'
    },
  })
}

export const cpuOps = {
  irqDisable: simple('irqDisable', (c) => irqDisable(c.d, c.t)),
  /** Pending IPIs run here, and an RCU grace period may end. */
  irqEnable: simple('irqEnable', (c) => irqEnable(c.d, c.t)),
  rcuReadLock: simple('rcuReadLock', (c) => readLock(c.d, c.t)),
  rcuReadUnlock: simple('rcuReadUnlock', (c) => readUnlock(c.d, c.t)),
  synchronizeRcu: defineOp({
    schema: v.strictObject({ op: v.literal('synchronizeRcu') }),
    results: ['ok'],
    position: 'waitAfter',
    run: (c) => {
      synchronize(c.d, c.t)
      return 'ok'
    },
  }),
  /**
   * Flush a range from the TLBs: `broadcast` (arm64 TLBI ...IS: all CPUs at once, waits for
   * nobody), `ipi` (x86: IPI every CPU running the mm and wait for each), `local` (this CPU).
   */
  tlbFlush: defineOp({
    schema: v.strictObject({
      op: v.literal('tlbFlush'),
      mm: v.optional(ident),
      va: address,
      span,
      mode: v.picklist(['broadcast', 'ipi', 'local']),
    }),
    results: ['ok'],
    position: (p) => (p.mode === 'ipi' ? 'waitAfter' : undefined),
    run: (c, p) => {
      const [start, end] = range(c, p.va, p.span)
      const mm = p.mm ?? c.mm
      if (p.mode === 'broadcast') tlbFlushBroadcast(c.d, mm, start, end)
      else {
        tlbFlushLocal(c.d, c.t, mm, start, end)
        if (p.mode === 'ipi') sendIpi(c.d, c.t, { action: 'tlb-flush', mm, start, end }, true)
      }
      return 'ok'
    },
  }),
  /**
   * The hardware drops another CPU's cached translation on its own (capacity eviction, a context
   * switch without ASID): nothing in the kernel asks for it, so it may happen at any moment.
   */
  tlbEvict: defineOp({
    schema: v.strictObject({ op: v.literal('tlbEvict'), cpu: ident, va: address }),
    results: ['ok'],
    run: (c, p) => {
      c.d.thread(p.cpu)
      const mm = c.d.world.threadMm[p.cpu]
      if (mm === undefined) throw new ModelError(`tlbEvict: no thread '${p.cpu}'`)
      const [start, end] = range(c, p.va, 1)
      tlbFlushLocal(c.d, p.cpu, mm, start, end)
      return 'ok'
    },
  }),
  /** `tlb_remove_table_sync_one` / `serialize_against_pte_lookup`: an empty IPI, waited for. */
  ipiSync: defineOp({
    schema: v.strictObject({ op: v.literal('ipiSync') }),
    results: ['ok'],
    position: 'waitAfter',
    run: (c) => {
      sendIpi(c.d, c.t, { action: 'sync', mm: c.mm, start: 0, end: 0 }, true)
      return 'ok'
    },
  }),
  /** `mmu_notifier_invalidate_range_start`: secondary MMUs drop what they cached for the range. */
  mmuNotifierInvalidate: defineOp({
    schema: v.strictObject({
      op: v.literal('mmuNotifierInvalidate'),
      mm: v.optional(ident),
      va: address,
      span,
    }),
    results: ['ok'],
    run: (c, p) => {
      const [start, end] = range(c, p.va, p.span)
      notifierInvalidate(c.d, p.mm ?? c.mm, start, end)
      return 'ok'
    },
  }),
}
