import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { buildProgram, explore, parseScenario, replay, stepOf } from '../engine'
import { importDiagram } from './index'

interface Fixture {
  readonly file: string
  readonly source: string
  readonly columns: readonly string[]
  readonly expect: readonly string[]
  readonly lockdep?: boolean
  /** `self`: the CPU takes a lock it already holds (the engine stops there: a self-deadlock). */
  readonly deadlocks?: boolean | 'self'
}

const DIR = join(import.meta.dirname, '../../scenarios/import-corpus')
const index = JSON.parse(readFileSync(join(DIR, 'index.json'), 'utf8')) as { fixtures: Fixture[] }

describe('the import corpus: real diagrams from kernel mails and commits', () => {
  it('holds at least 20 diagrams, each with its source', () => {
    expect(index.fixtures.length).toBeGreaterThanOrEqual(20)
    for (const f of index.fixtures) expect(f.source).toMatch(/Message-I[dD]|commit [0-9a-f]{12}/)
  })

  for (const f of index.fixtures)
    it(`${f.file}: validates, and its reported schedule replays its cells in order, in their columns`, () => {
      const text = readFileSync(join(DIR, f.file), 'utf8')
      const r = importDiagram(text, { source: f.source })
      // The JSON it prints is a scenario file the loader accepts as it is.
      const sc = parseScenario(r.json, f.file)
      expect(sc.threads.map((t) => t.name.replace(/^[A-H] — /, ''))).toEqual(f.columns)
      const p = buildProgram(sc, [])
      const run = replay(p, sc.reported.schedule)
      const seen = run.records.map((rec) => {
        const step = stepOf(p, rec.thread, rec.stepId)
        return `${rec.thread}:${(step?.spec.title ?? '').split(' — ')[0] ?? ''}`
      })
      if (f.deadlocks === 'self') {
        // The last cell takes a lock its own CPU holds: the replay stops there and says so.
        expect(run.error?.message).toMatch(/self-deadlock/)
        expect(run.error?.position).toBe(f.expect.length)
        expect(seen).toEqual(f.expect.slice(0, -1))
      } else {
        expect(run.error).toBeNull()
        expect(seen).toEqual(f.expect)
      }
      if (f.lockdep !== true) for (const t of sc.threads) for (const s of t.steps) expect(s.ops).toEqual([])
    })
})

describe('a lockdep report, imported and given nothing more', () => {
  for (const f of index.fixtures.filter((x) => x.lockdep === true && x.deadlocks !== 'self'))
    it(`${f.file}: the explorer ${f.deadlocks === true ? 'finds' : 'does not find'} a deadlock`, () => {
      const sc = importDiagram(readFileSync(join(DIR, f.file), 'utf8')).scenario
      const res = explore(buildProgram(sc, []))
      expect(res.complete).toBe(true)
      expect(res.errors).toEqual([])
      const dl = res.outcomes.find((o) => o.id === 'deadlock')
      expect(dl?.reachable).toBe(f.deadlocks === true)
      // Some interleaving lets every CPU take and release its locks: the report is a possibility.
      expect(res.outcomes.find((o) => o.id === 'all-finished')?.reachable).toBe(true)
      if (f.deadlocks === true) expect(dl?.shortest).toBeTruthy()
    })

  it('a lock taken again in an interrupt on the same CPU stops the explorer with a self-deadlock', () => {
    const f = index.fixtures.find((x) => x.deadlocks === 'self')
    const sc = importDiagram(readFileSync(join(DIR, f?.file ?? ''), 'utf8')).scenario
    const res = explore(buildProgram(sc, []))
    expect(res.errors.map((e) => e.message).join('\n')).toMatch(/self-deadlock/)
  })
})
