import { describe, expect, it } from 'vitest'

import { buildProgram, explore, parseScenario, replay, ScenarioError } from '../engine'

/**
 * Names from a scenario are looked up as own properties only (issue 11): a lock, var, local,
 * folio or outcome named like an `Object.prototype` member must behave like any other name,
 * never reach the prototype.
 */
function toy(over: {
  locks?: Record<string, string>
  ops?: unknown[]
  predicate: unknown
  vars?: Record<string, unknown>
}): string {
  return JSON.stringify({
    id: 'toy-names',
    title: 'Toy: prototype names',
    summary: 'Names that Object.prototype also has.',
    kernel: 'v6.0',
    initial: {
      locks: over.locks ?? {},
      folios: { P0: { refcount: 1, mapcount: 1, content: ['v1'] } },
      vars: over.vars ?? {},
    },
    threads: [
      {
        letter: 'A',
        name: 'A — one',
        steps: [
          {
            id: 'A1',
            fn: 'f',
            file: 'mm/x.c',
            title: 't',
            explain: 'e',
            ops: over.ops ?? [{ op: 'mark', name: 'ran' }],
          },
        ],
      },
      {
        letter: 'B',
        name: 'B — two',
        steps: [
          { id: 'B1', fn: 'g', file: 'mm/y.c', title: 't', explain: 'e', ops: [{ op: 'mark', name: 'b' }] },
        ],
      },
    ],
    toggles: [],
    outcomes: [{ id: 'hit', severity: 'bad', title: 'hit', explain: 'hit', predicate: over.predicate }],
    reported: { schedule: 'A B', outcome: 'hit', description: 'd' },
  })
}

function reachable(text: string): boolean | 'unknown' {
  const p = buildProgram(parseScenario(text, 'toy.json'))
  const r = explore(p)
  expect(r.complete).toBe(true)
  expect(r.errors).toEqual([])
  return r.outcomes.find((o) => o.id === 'hit')?.reachable ?? false
}

describe('prototype-named things are ordinary names', () => {
  it('a spinlock named toString is taken and released like any lock', () => {
    const text = toy({
      locks: { toString: 'spin' },
      ops: [
        { op: 'lock', lock: 'toString' },
        { op: 'unlock', lock: 'toString' },
      ],
      predicate: { finished: 'A' },
    })
    const p = buildProgram(parseScenario(text, 'toy.json'))
    const r = replay(p, 'A B')
    expect(r.error).toBeNull()
    expect(r.outcomes).toContain('hit')
    expect(reachable(text)).toBe(true)
  })

  it('two threads contend on a lock named hasOwnProperty: one waits for the other', () => {
    const text = toy({
      locks: { hasOwnProperty: 'spin' },
      ops: [{ op: 'lock', lock: 'hasOwnProperty' }],
      predicate: { finished: 'A' },
    })
    const p = buildProgram(parseScenario(text, 'toy.json'))
    expect(replay(p, 'A A').error?.message).toMatch(/step 2/)
  })

  it('a var that nothing sets reads as null, whatever its name', () => {
    for (const name of ['hasOwnProperty', 'toString', 'valueOf', 'isPrototypeOf']) {
      expect(reachable(toy({ predicate: { ne: [{ var: name }, null] } }))).toBe(false)
      expect(reachable(toy({ predicate: { eq: [{ var: name }, null] } }))).toBe(true)
    }
  })

  it('a var set by a step is read back by its prototype name', () => {
    const text = toy({
      ops: [{ op: 'setVar', var: 'valueOf', value: 7 }],
      predicate: { eq: [{ var: 'valueOf' }, 7] },
    })
    expect(reachable(text)).toBe(true)
  })

  it('a local that nothing sets is unset, and __proto__ is not a local name', () => {
    expect(reachable(toy({ predicate: { ne: [{ local: 'A.toString' }, null] } }))).toBe(false)
    expect(reachable(toy({ predicate: { ne: [{ local: 'B.constructor' }, null] } }))).toBe(false)
    expect(() =>
      parseScenario(toy({ predicate: { ne: [{ local: 'B.__proto__' }, null] } }), 't.json')
    ).toThrow(/outcomes\.0\.predicate.*local/)
  })

  it('marks, folios, page-cache slots and tables named like prototype members are absent until made', () => {
    expect(reachable(toy({ predicate: { mark: 'toString' } }))).toBe(false)
    expect(reachable(toy({ predicate: { ne: [{ folio: 'valueOf', field: 'refcount' }, null] } }))).toBe(false)
    expect(reachable(toy({ predicate: { ne: [{ cache: 'toString' }, 'none'] } }))).toBe(false)
    expect(reachable(toy({ predicate: { ne: [{ tableStatus: 'hasOwnProperty' }, 'none'] } }))).toBe(false)
  })

  it('an op reading a local named like a prototype member that was never set is a model error', () => {
    const p = buildProgram(
      parseScenario(
        toy({ ops: [{ op: 'setVar', var: 'x', value: '$toString' }], predicate: { mark: 'ran' } }),
        't'
      )
    )
    expect(replay(p, 'A').error?.message).toMatch(/local 'toString', which was never set/)
  })

  it('an outcome with the id constructor is recorded when reached, like any other', () => {
    const text = toy({ predicate: { mark: 'ran' } }).replaceAll('"hit"', '"constructor"')
    const r = replay(buildProgram(parseScenario(text, 't.json')), 'A B')
    expect(r.outcomes).toEqual(['constructor'])
    expect(r.reachedAt).toEqual({ constructor: 2 })
  })

  it('a toggle or address named like a prototype member is unknown', () => {
    const sc = parseScenario(toy({ predicate: { mark: 'ran' } }), 't.json')
    expect(() => buildProgram(sc, ['constructor'])).toThrow(ScenarioError)
    expect(() => buildProgram(sc, ['to-string'])).toThrow(/unknown toggle/)
    expect(() =>
      parseScenario(
        toy({ ops: [{ op: 'loadPmd', va: 'toString', save: 'x' }], predicate: { mark: 'ran' } }),
        't.json'
      )
    ).toThrow(/unknown address 'toString'/)
  })
})
