import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { SCENARIO_DIR } from '../cli/scenarioFiles'
import { parseScenario } from '../engine'
import { errorOf, good, mutate } from './mutate'

describe('scenario validation names the file, the field path and the problem', () => {
  it('accepts the bundled scenario', () => {
    expect(parseScenario(good, 'x.json').id).toBe('gup-fast-vs-thp-collapse')
  })

  it('rejects text that is not JSON', () => {
    expect(errorOf('{ nope').message).toMatch(/^my\.json: \(json\): /)
  })

  it('points at a misspelt op parameter', () => {
    const e = errorOf(mutate((sc) => (sc.threads[0].steps[0].ops[0].lokc = 'x')))
    expect(e.path).toBe('threads.0.steps.0.ops.0.lokc')
  })

  it('names an unknown op', () => {
    const e = errorOf(mutate((sc) => (sc.threads[1].steps[2].ops[0].op = 'teleport')))
    expect(e.path).toBe('threads.1.steps.2.ops.0.op')
    expect(e.problem).toMatch(/unknown op "teleport"/)
  })

  it('requires a branch for every failure an op can return', () => {
    const e = errorOf(mutate((sc) => delete sc.threads[0].steps.find((s: any) => s.id === 'A12b.0').on))
    expect(e.problem).toMatch(/'folioTrylock' can return 'busy'/)
  })

  it('requires a blocking op to open its step', () => {
    const e = errorOf(mutate((sc) => sc.threads[0].steps[0].ops.unshift({ op: 'mark', name: 'x' })))
    expect(e.problem).toMatch(/must be the first op/)
  })

  it('rejects branches to missing steps, unknown toggles and undeclared addresses', () => {
    expect(errorOf(mutate((sc) => (sc.threads[0].steps[1].on.none = 'Z9'))).problem).toMatch(/no step 'Z9'/)
    expect(errorOf(mutate((sc) => (sc.threads[0].steps[1].when = 'no-such-fix'))).problem).toMatch(
      /unknown toggle/
    )
    expect(errorOf(mutate((sc) => (sc.threads[0].steps[1].ops[0].va = 'VA9'))).problem).toMatch(
      /unknown address 'VA9'/
    )
  })

  it('checks the reported schedule names real threads', () => {
    expect(errorOf(mutate((sc) => (sc.reported.schedule = 'A2Q'))).path).toBe('reported.schedule')
  })

  it('keeps prototype keys out of every map', () => {
    const e = errorOf(good.replace('"P1": {', '"__proto__": {'))
    expect(e.path).toBe('initial.folios.__proto__')
    expect(e.problem).toMatch(/not allowed/)
  })

  it('bounds sizes before doing any work', () => {
    expect(errorOf(' '.repeat(1_000_001)).problem).toMatch(/larger than/)
    const e = errorOf(mutate((sc) => (sc.threads[0].steps[0].explain = 'x'.repeat(5000))))
    expect(e.path).toBe('threads.0.steps.0.explain')
  })

  it('requires threads lettered in order', () => {
    expect(errorOf(mutate((sc) => (sc.threads[1].letter = 'C'))).problem).toMatch(/expected B/)
  })
})

describe('the format documentation', () => {
  it('has an example that validates and reaches its reported outcome', async () => {
    const { buildProgram, replay, explore } = await import('../engine')
    const doc = readFileSync(join(SCENARIO_DIR, 'README.md'), 'utf8')
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? ''
    const sc = parseScenario(example, 'scenarios/README.md')
    const p = buildProgram(sc)
    expect(replay(p, 'reported').outcomes).toContain('pinned-page-collapsed')
    expect(explore(p).outcomes.find((o) => o.id === 'pinned-page-collapsed')?.reachable).toBe(true)
  })
})

describe('threads that copy another (like)', () => {
  it('get the template steps with their own letter in ids, branch targets and %t', () => {
    const raw = readFileSync(join(SCENARIO_DIR, 'migration-vs-shmem-fault.json'), 'utf8')
    const sc = parseScenario(raw, 'x.json')
    const c = sc.threads.find((t) => t.letter === 'C')
    const b10 = c?.steps.find((s) => s.id === 'C10')
    expect(b10?.on).toEqual({ no: 'C10u' })
    expect(b10?.ops[0]).toMatchObject({ op: 'lock', lock: 'ptl_C' })
    expect(sc.threads.find((t) => t.letter === 'B')?.steps.find((s) => s.id === 'B10')?.ops[0]).toMatchObject(
      { lock: 'ptl_B' }
    )
  })
})

describe('errors inside unions keep their full path', () => {
  it('names the predicate forms when none matches', () => {
    const e = errorOf(mutate((sc) => (sc.outcomes[1].predicate.all[0] = { finsihed: 'D' })))
    expect(e.path).toBe('outcomes.1.predicate.all.0')
    expect(e.problem).toMatch(
      /expected one of the forms \{ "mark": … \}, \{ "finished": … \}.*got \{ finsihed \}/
    )
  })

  it('points at a bad field of an outcome', () => {
    const e = errorOf(mutate((sc) => (sc.outcomes[0].severity = 'terrible')))
    expect(e.path).toBe('outcomes.0.severity')
  })
})
