import type { ThreadState } from './types'

/** A thread (and its CPU) before its first step: IRQs on, no locals, nothing pending. */
export function newThread(tlb: Readonly<Record<string, string>> = {}): ThreadState {
  return {
    pc: 0,
    blocked: null,
    granted: false,
    locals: {},
    irqsOff: false,
    rcuDepth: 0,
    pendingIpis: [],
    tlb,
  }
}
