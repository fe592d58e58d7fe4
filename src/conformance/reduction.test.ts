import { describe, expect, it } from 'vitest'

import { buildProgram, explore, validateScenario } from '../engine'
import { program, step, synthetic } from './helpers'
import { MATRIX } from './matrix'

/**
 * What an exhaustive exploration found, as a snapshot: a change made for speed must not move any
 * of these (the snapshot was taken before this session's hash-consing rewrite and still matches).
 */
function figures(r: ReturnType<typeof explore>) {
  return {
    states: r.states,
    transitions: r.transitions,
    interleavings: r.interleavings,
    broken: r.broken,
    outcomes: r.outcomes.map(
      (o) => `${o.id}: ${String(o.reachable)} ${o.shortest ?? '-'} (${o.interleavings ?? '-'})`
    ),
  }
}

describe('the partial-order reduction keeps every reachable outcome', () => {
  for (const [id, toggles] of MATRIX.filter(([id]) => id !== 'device-private-fault-livelock'))
    it(`${id} with ${toggles.join(' + ') || 'no toggle'}: same verdicts, no more states`, () => {
      const full = explore(program(id, toggles), { deadLocals: false, symmetry: false })
      expect(figures(full)).toMatchSnapshot()
      const reduced = explore(program(id, toggles), { reduce: true, deadLocals: false, symmetry: false })
      expect(reduced.reduced).toBe(true)
      expect(reduced.complete && full.complete).toBe(true)
      expect(reduced.outcomes.map((o) => [o.id, o.reachable])).toEqual(
        full.outcomes.map((o) => [o.id, o.reachable])
      )
      expect(reduced.states).toBeLessThanOrEqual(full.states)
    })

  for (const [id, toggles] of MATRIX.filter(([id]) => id === 'device-private-fault-livelock'))
    it(`${id} with ${toggles.join(' + ') || 'no toggle'}: the full graph's figures`, () => {
      expect(figures(explore(program(id, toggles), { deadLocals: false, symmetry: false }))).toMatchSnapshot()
    })

  it('is not used where livelock is the question', () => {
    expect(explore(program('device-private-fault-livelock'), { reduce: true }).reduced).toBe(false)
  })
})

describe('counting interleavings over the state graph', () => {
  it('counts C(4,2) = 6 for two independent threads of two steps', () => {
    const sc = synthetic({
      threads: [
        {
          letter: 'A',
          name: 'A',
          steps: [step('A1', [{ op: 'mark', name: 'a1' }]), step('A2', [{ op: 'mark', name: 'a2' }])],
        },
        {
          letter: 'B',
          name: 'B',
          steps: [step('B1', [{ op: 'mark', name: 'b1' }]), step('B2', [{ op: 'mark', name: 'b2' }])],
        },
      ],
      outcomes: [
        {
          id: 'b-first',
          severity: 'bad',
          title: 'B first',
          explain: 'x',
          when: 'any',
          predicate: { all: [{ mark: 'b2' }, { not: { mark: 'a1' } }] },
        },
      ],
    })
    const r = explore(buildProgram(validateScenario(sc, 's.json')))
    expect(r.interleavings).toBe('6')
    // B1 B2 before A1: only the one interleaving B B A A.
    expect(r.outcomes.find((o) => o.id === 'b-first')?.interleavings).toBe('1')
  })

  it('says unbounded when a reachable cycle allows runs of any length', () => {
    const sc = synthetic({
      threads: [
        {
          letter: 'A',
          name: 'A',
          steps: [
            step('A1', [{ op: 'trylock', lock: 'L1' }], { on: { busy: 'A1' } }),
            step('A2', [{ op: 'unlock', lock: 'L1' }]),
          ],
        },
        {
          letter: 'B',
          name: 'B',
          steps: [step('B1', [{ op: 'lock', lock: 'L1' }]), step('B2', [{ op: 'unlock', lock: 'L1' }])],
        },
      ],
      outcomes: [
        {
          id: 'done',
          severity: 'ok',
          title: 'done',
          explain: 'x',
          predicate: { all: [{ finished: 'A' }, { finished: 'B' }] },
        },
      ],
    })
    const r = explore(buildProgram(validateScenario(sc, 's.json')))
    expect(r.interleavings).toBe('unbounded')
    expect(r.outcomes.find((o) => o.id === 'done')?.interleavings).toBe('unbounded')
  })

  it('counts the GUP race exactly, and finds the fix leaves none of them broken', () => {
    const bad = explore(program('gup-fast-vs-thp-collapse'))
    const fixed = explore(program('gup-fast-vs-thp-collapse', ['gup-pmd-recheck']))
    expect(BigInt(bad.outcomes.find((o) => o.id === 'stale-gup-page')?.interleavings ?? '0')).toBeGreaterThan(
      0n
    )
    expect(BigInt(bad.interleavings ?? '0')).toBeGreaterThan(
      BigInt(bad.outcomes.find((o) => o.id === 'lost-write')?.interleavings ?? '0')
    )
    expect(fixed.outcomes.find((o) => o.id === 'stale-gup-page')?.interleavings).toBe('0')
    // Witnesses beyond the shortest are distinct real schedules.
    const o = bad.outcomes.find((x) => x.id === 'stale-gup-page')
    expect(new Set([o?.shortest, ...(o?.others ?? [])]).size).toBe(1 + (o?.others.length ?? 0))
  })
})
