import { fc, test } from '@fast-check/vitest'
import { describe, expect } from 'vitest'

import { buildProgram } from '../scenario/program'
import { validateScenario } from '../scenario/load'
import { replay } from '../schedule/replay'
import { explore, type ExploreResult } from './explore'

/**
 * Random small scenarios: two or three threads made of blocks (a critical section under one or
 * two locks, taken by a blocking lock, a trylock spin loop or a trylock that gives up; a lone op; a completion to wait
 * for or complete), with outcomes over vars, marks, locals and a refcount. Lock orders and
 * completions may deadlock, trylock loops make cycles: every condition of the ample-set rule
 * and the explorer's cycle proviso gets exercised.
 */
const body = fc.constantFrom<unknown>(
  { op: 'addVar', var: 'x', n: 1 },
  { op: 'addVar', var: 'y', n: 1 },
  { op: 'setVar', var: 'x', value: 0 },
  { op: 'mark', name: 'm' },
  { op: 'set', local: 'v', value: 1 },
  { op: 'folioGet', folio: 'F' },
  { op: 'testVar', var: 'x', lt: 2, save: 'seen' }
)
const lockName = fc.constantFrom('L1', 'L2')
const block = fc.oneof(
  fc.record({
    kind: fc.constant('crit' as const),
    locks: fc.array(lockName, { minLength: 1, maxLength: 2 }),
    op: body,
  }),
  fc.record({ kind: fc.constant('spin' as const), lock: lockName, op: body }),
  fc.record({ kind: fc.constant('try' as const), lock: lockName, op: body }),
  fc.record({ kind: fc.constant('op' as const), op: body }),
  fc.record({ kind: fc.constant('wait' as const) }),
  fc.record({ kind: fc.constant('complete' as const) })
)
const threadSpec = fc.array(block, { minLength: 1, maxLength: 3 })
const outcomes = fc.subarray(
  [
    { when: 'end', predicate: { eq: [{ var: 'x' }, 2] } },
    { when: 'any', predicate: { eq: [{ var: 'y' }, 1] } },
    { when: 'any', predicate: { mark: 'b' } },
    { when: 'any', predicate: { all: [{ not: { mark: 'm' } }, { eq: [{ var: 'x' }, 1] }] } },
    { when: 'any', predicate: { all: [{ finished: 'A' }, { not: { eq: [{ local: 'B.v' }, 1] } }] } },
    { when: 'end', predicate: { all: [{ mark: 'b' }, { eq: [{ var: 'x' }, 1] }] } },
    { when: 'any', predicate: { all: [{ mark: 'm' }, { eq: [{ var: 'x' }, 1] }] } },
    { when: 'any', predicate: { eq: [{ local: 'A.v' }, 1] } },
    { when: 'end', predicate: { eq: [{ folio: 'F', field: 'refcount' }, 2] } },
    { when: 'any', predicate: { not: { finished: 'B' } } },
    { when: 'end', predicate: { eq: [{ local: 'B.seen' }, 0] } },
  ],
  { minLength: 1 }
)

type Block = typeof block extends fc.Arbitrary<infer B> ? B : never

function thread(letter: string, blocks: readonly Block[]) {
  const steps: unknown[] = []
  const st = (ops: unknown[], extra: object = {}) => {
    const id = `${letter}${String(steps.length)}`
    steps.push({ id, fn: 'f', file: 'mm/x.c', title: id, explain: 'x', ops, ...extra })
    return id
  }
  for (const b of blocks) {
    if (b.kind === 'crit') {
      const locks = [...new Set(b.locks)]
      for (const lock of locks) st([{ op: 'lock', lock }])
      st([b.op])
      st(locks.reverse().map((lock) => ({ op: 'unlock', lock })))
    } else if (b.kind === 'op') st([b.op])
    else if (b.kind === 'wait') st([{ op: 'wait', name: 'C' }])
    else if (b.kind === 'complete') st([{ op: 'complete', name: 'C' }])
    else if (b.kind === 'spin') {
      // A retry loop: trylock, and on busy go back one step (two steps, so it is not a self-loop).
      const back = st([{ op: 'set', local: 'tries', value: 1 }])
      st([{ op: 'trylock', lock: b.lock }], { on: { busy: back } })
      st([b.op])
      st([{ op: 'unlock', lock: b.lock }])
    } else {
      // Give up when the lock is taken: whether it was is visible (mark b).
      const at = steps.length
      st([{ op: 'trylock', lock: b.lock }], { on: { busy: `${letter}${String(at + 3)}` } })
      st([b.op])
      st([{ op: 'unlock', lock: b.lock }], { next: `${letter}${String(at + 4)}` })
      st([{ op: 'mark', name: 'b' }])
      st([])
    }
  }
  return { letter, name: letter, steps }
}

function scenario(threads: readonly (readonly Block[])[], outs: readonly object[]) {
  return buildProgram(
    validateScenario(
      {
        id: 'random',
        title: 'random',
        summary: 'a random scenario',
        kernel: 'v6.0',
        initial: { locks: { L1: 'spin', L2: 'mutex' }, folios: { F: { refcount: 1, content: [''] } } },
        threads: threads.map((b, i) => thread(String.fromCharCode(65 + i), b)),
        toggles: [],
        outcomes: outs.map((o, i) => ({
          id: `o${String(i)}`,
          severity: 'bad',
          title: 'o',
          explain: 'x',
          ...o,
        })),
        reported: { schedule: '', outcome: 'o0', description: 'n/a' },
      },
      'random.json'
    )
  )
}

const reach = (r: ExploreResult) => r.outcomes.map((o) => [o.id, o.reachable])

describe('the partial-order reduction on random scenarios', () => {
  test.prop([fc.array(threadSpec, { minLength: 2, maxLength: 3 }), outcomes], { numRuns: 300 })(
    'reaches the outcomes the full graph does, by schedules that replay, on no more states',
    (threads, outs) => {
      const p = scenario(threads, outs)
      const full = explore(p, { deadLocals: false })
      expect(full.complete).toBe(true)
      for (const reduceRule of ['ample', 'local'] as const)
        for (const deadLocals of [false, true]) {
          const r = explore(p, { reduce: true, reduceRule, deadLocals })
          expect(reach(r), `${reduceRule}, dead locals ${String(deadLocals)}`).toEqual(reach(full))
          expect(r.states).toBeLessThanOrEqual(full.states)
          for (const o of r.outcomes)
            if (o.reachable === true) expect(replay(p, o.shortest ?? '').outcomes).toContain(o.id)
        }
    }
  )
})
