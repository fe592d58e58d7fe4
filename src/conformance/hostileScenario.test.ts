import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import { buildProgram, explore, parseScenario, replay, ScenarioError, validateScenario } from '../engine'
import { errorOf, good, mutate, type Json } from './mutate'

/**
 * Hostile scenario files (issue 11): every number is bounded, nesting is bounded before
 * anything recurses, and whatever the input the loader returns a scenario or throws a
 * ScenarioError naming the field, nothing else.
 */

/** The first op of thread A's first step, for mutations that change one op. */
const firstOp = (sc: Json) => sc.threads[0].steps[0].ops[0] as Json

describe('every number a scenario gives is bounded', () => {
  it('refuses a page whose subpage is huge, infinite or not a number, naming the op field', () => {
    for (const page of ['P0#1e300', 'P0#Infinity', 'P0#512', 'P0#-1', 'P0#']) {
      const e = errorOf(
        mutate((sc) => {
          sc.threads[0].steps[0].ops[0] = { op: 'writePage', page, value: 'x' }
        })
      )
      expect(e.path).toBe('threads.0.steps.0.ops.0.page')
      expect(e.problem).toMatch(/subpage a whole number from 0 to 511/)
    }
  })

  it('refuses a PTE whose subpage is past a folio', () => {
    const e = errorOf(
      mutate((sc) => {
        const t = Object.values(sc.initial.tables as Json)[0] as Json
        t.ptes[0].entry = { k: 'present', folio: 'P0', sub: 1e15 }
      })
    )
    expect(e.path).toMatch(/^initial\.tables\.\w+\.ptes\.0\.entry\.sub$/)
  })

  it('refuses numbers past 2^53 (and 1e400, which JSON reads as Infinity) wherever they stand', () => {
    const huge = good.replace('"initial": {', '"initial": { "vars": { "x": 1e400 },')
    expect(errorOf(huge).path).toBe('initial.vars.x')
    expect(errorOf(mutate((sc) => (sc.addresses.BIG = 2 ** 60))).path).toBe('addresses.BIG')
    expect(errorOf(mutate((sc) => (sc.addresses.BIG = '1e300'))).message).toMatch(
      /addresses\.BIG: '1e300' is not an address/
    )
    expect(errorOf(mutate((sc) => (sc.version = 1e20))).path).toBe('version')
    expect(errorOf(mutate((sc) => (sc.geometry = { pageSize: 2 ** 40 }))).path).toBe('geometry.pageSize')
    expect(errorOf(mutate((sc) => (firstOp(sc).va = 1e300))).path).toMatch(/^threads\.0\.steps\.0\.ops\.0/)
  })

  it('a page built at run time from a local is checked when it is used, as a model error', () => {
    const text = mutate((sc) => {
      sc.threads[0].steps[0].ops = [
        { op: 'set', local: 'pg', value: 'P0#99999' },
        { op: 'writePage', page: '$pg', value: 'x' },
      ]
      sc.threads[0].steps[0].on = undefined
    })
    const r = replay(buildProgram(parseScenario(text, 'my.json')), 'A')
    expect(r.error?.message).toMatch(/'P0#99999' is not a page/)
  })
})

describe('nesting is bounded before anything recurses, and the message says where', () => {
  it('a 100,000-deep array or object', () => {
    const arr = errorOf(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)
    expect(arr.message).toBe('my.json: (json): nested deeper than 32 levels at line 1, column 33')
    const obj = errorOf(`{"id":\n  ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`)
    expect(obj.message).toMatch(/nested deeper than 32 levels at line 2, column \d+/)
    // Brackets inside strings are text, not nesting.
    expect(errorOf(JSON.stringify({ id: '['.repeat(1000) })).path).not.toBe('(json)')
  })

  it('a deep value handed over already parsed (bundled or from a link) names its path', () => {
    let deep: unknown = 1
    for (let i = 0; i < 100_000; i++) deep = { a: deep }
    const sc = JSON.parse(good) as Json
    sc.initial.vars = { x: deep }
    let err: unknown
    try {
      validateScenario(sc, 'link')
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ScenarioError)
    expect((err as ScenarioError).path).toMatch(/^initial\.vars\.x\.a\.a\.a\.….*\.a$/)
    expect((err as ScenarioError).problem).toBe('nested deeper than 32 levels')
  })

  it('a 2,000-deep "not" is refused by the parser; one 9 deep by the schema, at the predicate', () => {
    const nots = (n: number) => {
      let p: unknown = { mark: 'x' }
      for (let i = 0; i < n; i++) p = { not: p }
      return p
    }
    expect(errorOf(mutate((sc) => (sc.outcomes[0].predicate = nots(2000)))).path).toBe('(json)')
    const e = errorOf(mutate((sc) => (sc.outcomes[0].predicate = nots(9))))
    expect(e.path).toBe('outcomes.0.predicate')
    expect(e.problem).toMatch(/nest at most 8 deep/)
    expect(() =>
      parseScenario(
        mutate((sc) => (sc.outcomes[0].predicate = nots(7))),
        'ok.json'
      )
    ).not.toThrow()
  })

  it('a very wide file is refused as a whole, and what a message quotes is cut short', () => {
    const wide = errorOf(JSON.stringify({ ...JSON.parse(good), junk: new Array(250_000).fill(0) }))
    expect(wide.message).toBe('my.json: (file): more than 200000 values')
    const long = errorOf(mutate((sc) => (sc.initial.locks.ptl = 'x'.repeat(100_000))))
    expect(long.message.length).toBeLessThan(700)
  })
})

/** Arbitrary JSON of the hostile kinds: prototype keys, huge numbers, control characters. */
const nastyKey = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'A.toString'
  ),
  fc.string({ maxLength: 8 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), maxLength: 6 })
)
const nastyLeaf = fc.oneof(
  fc.constantFrom(
    1e300,
    -1e300,
    2 ** 53,
    1e15,
    -1,
    0.5,
    Number.MAX_VALUE,
    'P0#1e300',
    'P0#Infinity',
    '\u001b[2J'
  ),
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null)
)
const { nasty } = fc.letrec((tie) => ({
  nasty: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyLeaf,
    fc.array(tie('nasty'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('nasty'), { maxKeys: 4 })
  ),
}))

/** JSON text for a value; `__proto__` keys are written as own keys, as a hostile file would. */
function text(v: unknown): string {
  return JSON.stringify(v)
}

/** The loader's contract: a scenario, or a ScenarioError naming file and field; nothing else. */
function loadOrExplain(t: string): 'ok' | 'error' {
  try {
    parseScenario(t, 'fuzz.json')
    return 'ok'
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e
    expect(e.message.startsWith('fuzz.json: ')).toBe(true)
    expect(e.path.length).toBeGreaterThan(0)
    return 'error'
  }
}

/** Every path to a value in `v`, to mutate one of them. */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at)
  if (typeof v === 'object' && v !== null)
    for (const [k, x] of Object.entries(v)) paths(x, [...at, Array.isArray(v) ? Number(k) : k], out)
  return out
}
const goodPaths = paths(JSON.parse(good)).slice(1)

describe('the loader against arbitrary input', () => {
  test.prop([nasty], { numRuns: 300 })('arbitrary JSON: a scenario or an error naming the field', (v) => {
    loadOrExplain(text(v))
    loadOrExplain(text({ ...JSON.parse(good), initial: v }))
  })

  test.prop([fc.string({ maxLength: 200 })], { numRuns: 200 })('arbitrary text', (t) => {
    loadOrExplain(t)
  })

  test.prop([fc.nat(goodPaths.length - 1), nasty, fc.boolean()], { numRuns: 300 })(
    'one field of a real scenario replaced (or removed): still a scenario or a clear error, and one that loads explores without crashing',
    (i, value, remove) => {
      const sc = JSON.parse(good) as Json
      const path = goodPaths[i] as (string | number)[]
      let parent = sc as any
      for (const k of path.slice(0, -1)) parent = parent[k]
      const last = path[path.length - 1] as string | number
      if (remove) {
        if (Array.isArray(parent)) parent.splice(Number(last), 1)
        else Reflect.deleteProperty(parent as object, last)
      } else parent[last] = value
      const t = text(sc)
      if (loadOrExplain(t) === 'error') return
      let program
      try {
        program = buildProgram(parseScenario(t, 'fuzz.json'))
      } catch (e) {
        if (e instanceof ScenarioError) return
        throw e
      }
      const r = explore(program, { maxStates: 3000 })
      expect(r.states).toBeGreaterThan(0)
    }
  )
})
