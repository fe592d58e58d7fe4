import { describe, expect, it } from 'vitest'

import { buildProgram, explore, hunt, replay, validateScenario } from '../engine'
import { program, step, synthetic } from './helpers'

function run(sc: unknown) {
  const p = buildProgram(validateScenario(sc, 'synthetic.json'))
  return { p, r: explore(p) }
}

const retryLoop = (l: string, other: string) => ({
  letter: l,
  name: `${l}: takes a reference, expects to be alone, retries`,
  steps: [
    step(`${l}1`, [{ op: 'folioGet', folio: 'F' }], { fn: 'folio_get', title: 'get' }),
    step(`${l}2`, [{ op: 'refCheck', folio: 'F', expect: 2 }], {
      fn: 'folio_ref_freeze',
      title: 'check',
      explain: `expects only its own reference, fails while ${other} holds one`,
      on: { mismatch: `${l}3` },
      next: `${l}4`,
    }),
    step(`${l}3`, [{ op: 'folioPut', folio: 'F' }], { fn: 'folio_put', title: 'undo', next: `${l}1` }),
    step(
      `${l}4`,
      [
        { op: 'folioPut', folio: 'F' },
        { op: 'mark', name: 'progress' },
      ],
      { fn: 'migrate', title: 'done', progress: true }
    ),
  ],
})

describe('livelock detection (weak fairness)', () => {
  it('finds a cycle where both threads keep retrying and neither progresses', () => {
    const { r } = run(
      synthetic({
        threads: [retryLoop('A', 'B'), retryLoop('B', 'A')],
        outcomes: [
          { id: 'livelock', severity: 'bad', title: 'Livelock', explain: 'no progress', kind: 'livelock' },
        ],
      })
    )
    const ll = r.outcomes.find((o) => o.id === 'livelock')
    expect(ll?.reachable).toBe(true)
    expect(ll?.cycle?.alwaysEnabled).toEqual(['A', 'B'])
    expect(ll?.cycle?.repeat).toMatch(/A/)
    expect(ll?.cycle?.repeat).toMatch(/B/)
  })

  it('does not call a cycle a livelock when an always-enabled thread never runs in it', () => {
    const spinner = {
      letter: 'A',
      name: 'A: retries a trylock',
      steps: [
        {
          id: 'A1',
          fn: 'spin_trylock',
          file: 'x.c',
          title: 'try',
          explain: 'try',
          ops: [{ op: 'trylock', lock: 'L1' }],
          on: { busy: 'A1' },
        },
        {
          id: 'A2',
          fn: 'spin_unlock',
          file: 'x.c',
          title: 'unlock',
          explain: 'done',
          progress: true,
          ops: [{ op: 'unlock', lock: 'L1' }],
        },
      ],
    }
    const holder = {
      letter: 'B',
      name: 'B: holds the lock a while',
      steps: [
        {
          id: 'B1',
          fn: 'spin_lock',
          file: 'x.c',
          title: 'lock',
          explain: 'lock',
          ops: [{ op: 'lock', lock: 'L1' }],
        },
        {
          id: 'B2',
          fn: 'spin_unlock',
          file: 'x.c',
          title: 'unlock',
          explain: 'unlock',
          ops: [{ op: 'unlock', lock: 'L1' }],
        },
      ],
    }
    const { r } = run(
      synthetic({
        threads: [spinner, holder],
        outcomes: [{ id: 'livelock', severity: 'bad', title: 'Livelock', explain: 'x', kind: 'livelock' }],
      })
    )
    expect(r.complete).toBe(true)
    expect(r.outcomes.find((o) => o.id === 'livelock')?.reachable).toBe(false)
  })
})

describe('deadlock', () => {
  it('is reported, with a schedule, when two threads take two locks in opposite order', () => {
    const abba = (l: string, first: string, second: string) => ({
      letter: l,
      name: l,
      steps: [
        step(`${l}1`, [{ op: 'lock', lock: first }], { fn: 'spin_lock', title: first }),
        step(`${l}2`, [{ op: 'lock', lock: second }], { fn: 'spin_lock', title: second }),
        step(
          `${l}3`,
          [
            { op: 'unlock', lock: second },
            { op: 'unlock', lock: first },
          ],
          { fn: 'spin_unlock', title: 'unlock' }
        ),
      ],
    })
    const { p, r } = run(
      synthetic({
        threads: [abba('A', 'L1', 'L2'), abba('B', 'L2', 'L1')],
        outcomes: [
          {
            id: 'fine',
            severity: 'ok',
            title: 'fine',
            explain: 'x',
            predicate: { all: [{ finished: 'A' }, { finished: 'B' }] },
          },
        ],
      })
    )
    const dl = r.outcomes.find((o) => o.id === 'deadlock')
    expect(dl?.reachable).toBe(true)
    expect(replay(p, dl?.shortest ?? '').outcomes).toContain('deadlock')
    expect(r.outcomes.find((o) => o.id === 'fine')?.reachable).toBe(true)
  })
})

describe('early answers while exploring', () => {
  it('reports each outcome the first time it is met, with a shortest schedule, then the end of the search', () => {
    const p = program('exec-stack-vs-migration')
    const reached: { outcome: string; schedule: string; steps: number }[] = []
    const searched: { states: number; complete: boolean }[] = []
    const r = explore(p, {
      onReach: (x) => reached.push(x),
      onSearched: (x) => searched.push(x),
    })
    // Each reachable outcome once, with the shortest schedule the final report gives.
    const reachable = r.outcomes.filter((o) => o.reachable === true && !o.cycle)
    expect(reached.map((x) => x.outcome).sort()).toEqual(reachable.map((o) => o.id).sort())
    for (const o of reachable) {
      const early = reached.find((x) => x.outcome === o.id)
      expect(early?.schedule, o.id).toBe(o.shortest)
      expect(early?.steps, o.id).toBe(o.steps)
    }
    expect(searched).toEqual([{ states: r.states, complete: true }])
  })

  it('says the search ended incomplete when a budget stopped it', () => {
    const searched: { states: number; complete: boolean }[] = []
    explore(program('migration-vs-shmem-fault'), { maxStates: 500, onSearched: (x) => searched.push(x) })
    expect(searched).toHaveLength(1)
    expect(searched[0]?.complete).toBe(false)
  })
})

describe('quick walks before the exhaustive search', () => {
  it('find the migration race breaking in a few walks, with a schedule that replays into it', () => {
    const p = program('migration-vs-shmem-fault')
    const h = hunt(p, { maxSteps: 5000 })
    expect(h?.outcome).toBe('migration-failed')
    const r = replay(p, h?.schedule ?? '')
    expect(r.error).toBeNull()
    expect(r.reachedAt['migration-failed']).toBe(h?.steps)
    // Fixed seed: the same program always takes the same walks.
    expect(hunt(p, { maxSteps: 5000 })).toEqual(h)
  })

  it('claim nothing where no interleaving breaks, and stop at their budget', () => {
    expect(
      hunt(program('migration-vs-shmem-fault', ['atomic-migration-entry']), { maxSteps: 5000 })
    ).toBeNull()
    expect(hunt(program('migration-vs-shmem-fault'), { maxSteps: 50 })).toBeNull()
  })
})

describe('quick walks on a livelock question', () => {
  it('find a fair cycle with no progress in the three-thread device-private race, and it replays as one', () => {
    const p = program('device-private-fault-livelock', ['three-threads'])
    const h = hunt(p, { maxSteps: 20_000 })
    expect(h?.outcome).toBe('livelock')
    expect(replay(p, h?.schedule ?? '').outcomes).toContain('livelock')
  })

  it('find the livelock with four faulting threads, whose whole graph is too large to search', () => {
    const p = program('device-private-fault-livelock', ['four-threads'])
    const h = hunt(p, { maxSteps: 20_000 })
    expect(h?.outcome).toBe('livelock')
    expect(replay(p, h?.schedule ?? '').outcomes).toContain('livelock')
  })

  it('leave cycles alone when asked to look for bad states only', () => {
    const p = program('device-private-fault-livelock', ['three-threads'])
    expect(hunt(p, { maxSteps: 20_000, livelock: false })).toBeNull()
  })

  it('find none where the merged fix closes it', () => {
    expect(
      hunt(program('device-private-fault-livelock', ['trylock-fault-page']), { maxSteps: 20_000 })
    ).toBeNull()
  })
})
