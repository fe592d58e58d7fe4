import { describe, expect, it } from 'vitest'

import { Draft } from './draft'
import { irqDisable, irqEnable, sendIpi, tlbFill, tlbFlushBroadcast, tlbLookup } from './cpu'
import { deferFreeTable, readLock, readUnlock, synchronize } from './rcu'
import { testDraft } from './testing'

describe('IPIs', () => {
  it('run at once on a CPU with IRQs on, and wait for one with IRQs off', () => {
    const d = testDraft(['A', 'B', 'C'])
    tlbFill(d, 'B', 'mm', 0x1000, 'P0#0')
    tlbFill(d, 'C', 'mm', 0x1000, 'P0#0')
    irqDisable(d, 'C')
    const pending = sendIpi(d, 'A', { action: 'tlb-flush', mm: 'mm', start: 0, end: 0x2000 }, true)
    expect(pending).toEqual(['C'])
    expect(tlbLookup(d, 'B', 'mm', 0x1000)).toBeUndefined()
    expect(tlbLookup(d, 'C', 'mm', 0x1000)).toBe('P0#0')
    expect(d.thread('A').blocked).toEqual({ kind: 'ipi', waitFor: ['C'] })
    irqEnable(d, 'C')
    expect(tlbLookup(d, 'C', 'mm', 0x1000)).toBeUndefined()
    expect(d.thread('A').blocked).toBeNull()
  })

  it('only target CPUs running the mm for a TLB flush', () => {
    const d = testDraft(['A', 'B'])
    const other = { ...d.world, threadMm: { A: 'mm', B: 'other' } }
    const d2 = new Draft(d.state, other)
    irqDisable(d2, 'B')
    expect(sendIpi(d2, 'A', { action: 'tlb-flush', mm: 'mm', start: 0, end: 1 }, true)).toEqual([])
    expect(sendIpi(d2, 'A', { action: 'sync', mm: 'mm', start: 0, end: 0 }, true)).toEqual(['B'])
  })
})

describe('a hardware broadcast invalidate', () => {
  it('empties every TLB at once, whatever the IRQ state, and blocks nobody', () => {
    const d = testDraft(['A', 'B'])
    tlbFill(d, 'B', 'mm', 0x1000, 'P0#0')
    irqDisable(d, 'B')
    tlbFlushBroadcast(d, 'mm', 0, 0x200000)
    expect(tlbLookup(d, 'B', 'mm', 0x1000)).toBeUndefined()
    expect(d.thread('A').blocked).toBeNull()
  })
})

describe('RCU', () => {
  it('frees a table only after the readers present at call_rcu have left, IRQs-off ones included', () => {
    const d = testDraft(['A', 'B', 'C'])
    d.put('tables', 'T0', { mm: 'mm', status: 'detached', ptes: {} })
    irqDisable(d, 'B')
    readLock(d, 'C')
    deferFreeTable(d, 'T0')
    expect(d.must('tables', 'T0').status).toBe('rcu-pending')
    irqEnable(d, 'B')
    expect(d.must('tables', 'T0').status).toBe('rcu-pending')
    readUnlock(d, 'C')
    expect(d.must('tables', 'T0').status).toBe('freed')
  })

  it('does not wait for readers that start after the call', () => {
    const d = testDraft(['A', 'B'])
    d.put('tables', 'T0', { mm: 'mm', status: 'detached', ptes: {} })
    deferFreeTable(d, 'T0')
    expect(d.must('tables', 'T0').status).toBe('freed')
  })

  it('synchronize_rcu blocks its caller until the current readers leave', () => {
    const d = testDraft(['A', 'B'])
    readLock(d, 'B')
    synchronize(d, 'A')
    expect(d.thread('A').blocked).toEqual({ kind: 'rcu-gp', waitFor: ['B'] })
    readUnlock(d, 'B')
    expect(d.thread('A').blocked).toBeNull()
  })
})
