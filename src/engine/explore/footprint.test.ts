import { describe, expect, it } from 'vitest'

import type { OpCall } from '../ops/registry'
import { OPS } from '../ops/registry'
import { buildProgram, type Step } from '../scenario/program'
import { validateScenario } from '../scenario/load'
import { explore } from './explore'
import { FOOTPRINTS, independent, opFootprint, overlaps, stepFootprint } from './footprint'

/** A resolved step of thread `t` running `ops`, for footprints (its place in the thread is moot). */
function stepOf(t: string, ...ops: OpCall[]): Step {
  return { spec: {} as Step['spec'], thread: t, ops, on: {}, next: 1, link: '' }
}

describe('op footprints', () => {
  it('cover every op the registry knows', () => {
    expect(Object.keys(OPS).filter((op) => !(op in FOOTPRINTS))).toEqual([])
  })

  it('name the lock, folio or var a literal parameter names', () => {
    const lock = opFootprint({ op: 'lock', lock: 'L0' }, 'A')
    expect(lock.writes).toEqual(expect.arrayContaining(['locks:L0', 'threads:A.cpu']))
    expect(opFootprint({ op: 'folioGet', folio: 'F' }, 'A').writes).toContain('folios:F')
    expect(opFootprint({ op: 'gupGrab', page: 'P0#3' }, 'A').writes).toContain('folios:P0')
    expect(opFootprint({ op: 'folioLock', folio: 'P' }, 'B').writes).toContain('locks:PG_locked:P')
    expect(opFootprint({ op: 'addVar', var: 'n', n: 1 }, 'A').writes).toContain('vars:n')
    expect(opFootprint({ op: 'set', local: 'x', value: 1 }, 'C').writes).toEqual([
      'threads:C.pc',
      'threads:C.locals.x',
    ])
  })

  it('take the whole map (or kind of lock) for a $local, a ptlOf lock or a walk; an unknown op: everything', () => {
    expect(opFootprint({ op: 'folioPut', folio: '$F' }, 'A').writes).toContain('folios:*')
    expect(opFootprint({ op: 'folioLock', folio: '$F' }, 'A').writes).toContain('locks:PG_locked:*')
    expect(opFootprint({ op: 'unlock', ptlOf: '$pmd' }, 'A').writes).toContain('locks:ptl:*')
    expect(opFootprint({ op: 'setPte', va: 'VA0', to: { k: 'none' } }, 'A').writes).toContain('tables:*')
    expect(opFootprint({ op: 'noSuchOp' }, 'A')).toEqual({ reads: ['*'], writes: ['*'] })
  })

  it('reach other CPUs for IPIs, broadcast flushes, grace periods and completions', () => {
    for (const op of [
      { op: 'tlbFlush', va: 0, mode: 'ipi' },
      { op: 'tlbFlush', va: 0, mode: 'broadcast' },
      { op: 'ipiSync' },
      { op: 'synchronizeRcu' },
      { op: 'rcuReadUnlock' },
      { op: 'irqEnable' },
      { op: 'complete', name: 'done' },
    ])
      expect(opFootprint(op, 'A').writes, op.op).toContain('threads:*.cpu')
    expect(opFootprint({ op: 'tlbFlush', va: 0, mode: 'local' }, 'A').writes).not.toContain('threads:*.cpu')
    expect(opFootprint({ op: 'tlbEvict', cpu: 'B', va: 0 }, 'A').writes).toContain('threads:B.cpu')
  })
})

describe('overlap and independence', () => {
  it('match by prefix, segment by segment, with * for any', () => {
    expect(overlaps('threads:A', 'threads:A.locals.x')).toBe(true)
    expect(overlaps('threads:*.cpu', 'threads:B.cpu')).toBe(true)
    expect(overlaps('threads:*.cpu', 'threads:B.locals.x')).toBe(false)
    expect(overlaps('locks:L1', 'locks:L2')).toBe(false)
    expect(overlaps('locks:ptl:*', 'locks:ptl:T1')).toBe(true)
    expect(overlaps('locks:ptl:*', 'locks:PG_locked:P')).toBe(false)
    expect(overlaps('locks:PG_locked:*', 'locks:PG_locked:P')).toBe(true)
    expect(overlaps('locks:PG_locked:*', 'locks:mmap_lock')).toBe(false)
    expect(overlaps('folios:*', 'folios:F')).toBe(true)
    expect(overlaps('*', 'marks:m')).toBe(true)
  })

  it('makes steps on different locks independent, on the same lock dependent', () => {
    const a = stepFootprint(stepOf('A', { op: 'unlock', lock: 'L1' }))
    expect(independent(a, stepFootprint(stepOf('B', { op: 'lock', lock: 'L2' })))).toBe(true)
    expect(independent(a, stepFootprint(stepOf('B', { op: 'lock', lock: 'L1' })))).toBe(false)
    expect(independent(a, stepFootprint(stepOf('B', { op: 'trylock', lock: 'L1' })))).toBe(false)
  })

  it('keeps two readers independent, a reader and a writer not', () => {
    const read = stepFootprint(stepOf('A', { op: 'refCheck', folio: 'F', expect: 1 }))
    expect(independent(read, stepFootprint(stepOf('B', { op: 'folioMapped', folio: 'F' })))).toBe(true)
    expect(independent(read, stepFootprint(stepOf('B', { op: 'folioGet', folio: 'F' })))).toBe(false)
    expect(independent(read, stepFootprint(stepOf('B', { op: 'folioGet', folio: '$G' })))).toBe(false)
  })

  it('makes a thread-local step independent of another CPU’s IPI, not a TLB fill', () => {
    const ipi = stepFootprint(stepOf('B', { op: 'tlbFlush', va: 0, mode: 'ipi' }))
    expect(independent(stepFootprint(stepOf('A', { op: 'set', local: 'x', value: 1 })), ipi)).toBe(true)
    expect(independent(stepFootprint(stepOf('A', { op: 'userLoad', va: 0, save: 'x' })), ipi)).toBe(false)
  })
})

const st = (id: string, ops: unknown[]) => ({ id, fn: 'f', file: 'mm/x.c', title: id, explain: 'x', ops })

/** Two threads each work under their own lock, then count into a var the outcome reads. */
function twoLocks() {
  const thread = (l: string, lock: string) => ({
    letter: l,
    name: l,
    steps: [
      st(`${l}1`, [{ op: 'lock', lock }]),
      st(`${l}2`, [{ op: 'folioGet', folio: l === 'A' ? 'F' : 'G' }]),
      st(`${l}3`, [{ op: 'unlock', lock }]),
      st(`${l}4`, [{ op: 'addVar', var: 'n', n: 1 }]),
    ],
  })
  return buildProgram(
    validateScenario(
      {
        id: 'two-locks',
        title: 'two locks',
        summary: 'two threads, two locks',
        kernel: 'v6.0',
        initial: {
          locks: { L1: 'spin', L2: 'spin' },
          folios: { F: { refcount: 1, content: [''] }, G: { refcount: 1, content: [''] } },
        },
        threads: [thread('A', 'L1'), thread('B', 'L2')],
        toggles: [],
        outcomes: [
          {
            id: 'both',
            severity: 'ok',
            title: 'both counted',
            explain: 'x',
            when: 'any',
            predicate: { eq: [{ var: 'n' }, 2] },
          },
          {
            id: 'one',
            severity: 'bad',
            title: 'one counted',
            explain: 'x',
            when: 'any',
            predicate: { eq: [{ var: 'n' }, 1] },
          },
        ],
        reported: { schedule: '', outcome: 'both', description: 'n/a' },
      },
      'two-locks.json'
    )
  )
}

describe('the ample-set rule', () => {
  it('reduces where the local-only rule cannot, with the same reachable outcomes', () => {
    const p = twoLocks()
    const full = explore(p, { deadLocals: false })
    const local = explore(p, { reduce: true, reduceRule: 'local', deadLocals: false })
    const ample = explore(p, { reduce: true, deadLocals: false })
    // No step is purely local: the old rule explores the full graph.
    expect(local.states).toBe(full.states)
    expect(ample.states).toBeLessThan(local.states)
    const reach = (r: typeof full) => r.outcomes.map((o) => [o.id, o.reachable])
    expect(reach(ample)).toEqual(reach(full))
    expect(reach(full)).toEqual([
      ['both', true],
      ['one', true],
      ['deadlock', false],
    ])
  })
})
