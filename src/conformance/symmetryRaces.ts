import { buildProgram, validateScenario, type Program } from '../engine'
import { step, synthetic } from './helpers'

/** Blocks of steps a random thread template is made of: locks, RCU, IPIs, completions, marks. */
export const BLOCKS: Record<string, unknown[][]> = {
  lock: [[{ op: 'lock', lock: 'L1' }], [{ op: 'folioGet', folio: 'F' }], [{ op: 'unlock', lock: 'L1' }]],
  own: [
    [{ op: 'lock', lock: 'own_%t' }],
    [{ op: 'mark', name: 'in-%t' }],
    [{ op: 'unlock', lock: 'own_%t' }],
  ],
  rcu: [[{ op: 'rcuReadLock' }], [{ op: 'folioGet', folio: 'F' }], [{ op: 'rcuReadUnlock' }]],
  sync: [[{ op: 'synchronizeRcu' }]],
  irq: [[{ op: 'irqDisable' }], [{ op: 'folioGet', folio: 'F' }], [{ op: 'irqEnable' }]],
  ipi: [[{ op: 'ipiSync' }]],
  done: [[{ op: 'complete', name: 'c' }]],
  wait: [[{ op: 'wait', name: 'c' }]],
  set: [[{ op: 'set', local: 'x', value: 1 }]],
  // Drops a reference it never took: the second thread to run it meets a use after free.
  put: [[{ op: 'folioPut', folio: 'F' }]],
  // A retry loop (back to the `set` when the trylock fails): cycles, for the livelock question.
  retry: [
    [{ op: 'set', local: 'x', value: 2 }],
    [{ op: 'trylock', lock: 'L2' }],
    [{ op: 'unlock', lock: 'L2' }],
  ],
  // For ever round a trylock (`loop`), or the same with the unlock counted as progress.
  loop: [
    [{ op: 'set', local: 'x', value: 3 }],
    [{ op: 'trylock', lock: 'L2' }],
    [{ op: 'unlock', lock: 'L2', back: 2 }],
  ],
  loopp: [
    [{ op: 'set', local: 'x', value: 4 }],
    [{ op: 'trylock', lock: 'L2' }],
    [{ op: 'unlock', lock: 'L2', back: 2, progress: true }],
  ],
}

export function randomRace(blocks: string[], threads: number, outcome: number): Program {
  const raw = blocks.flatMap((b) => BLOCKS[b] ?? [])
  /** A failed trylock goes back to the step before it; `back` and `progress` become step fields. */
  const extra = (k: number): Record<string, unknown> => {
    const o = raw[k]?.[0] as { op: string; back?: number; progress?: boolean } | undefined
    if (o?.op === 'trylock') return { on: { busy: `A${String(k - 1)}` } }
    return {
      ...(o?.back !== undefined && { next: `A${String(k - o.back)}` }),
      ...(o?.progress === true && { progress: true }),
    }
  }
  const ops = raw.map((o) =>
    o.map((x) => {
      const rest = { ...(x as Record<string, unknown>) }
      delete rest.back
      delete rest.progress
      return rest
    })
  )
  const letters = ['A', 'B', 'C'].slice(0, threads)
  const predicates = [
    { eq: [{ folio: 'F', field: 'refcount' }, 3] },
    { all: letters.map((l) => ({ finished: l })) },
    { mark: 'in-A' },
  ]
  const sc = synthetic({
    threads: letters.map((l, i) =>
      i === 0
        ? { letter: l, name: l, steps: ops.map((o, k) => step(`A${String(k)}`, o, extra(k))) }
        : { letter: l, name: l, like: 'A' }
    ),
    outcomes: [
      { id: 'x', severity: 'bad', when: 'any', title: 'x', explain: 'x', predicate: predicates[outcome] },
      { id: 'spin', severity: 'bad', kind: 'livelock', title: 'spin', explain: 'a fair cycle' },
    ],
  }) as Record<string, unknown>
  const initial = sc.initial as Record<string, Record<string, unknown>>
  const locks = { ...initial.locks, ...Object.fromEntries(letters.map((l) => [`own_${l}`, 'spin'])) }
  return buildProgram(validateScenario({ ...sc, initial: { ...initial, locks } }, 'random'), [])
}
