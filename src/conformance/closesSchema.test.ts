import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { SCENARIO_DIR } from '../cli/scenarioFiles'
import { closesPerOutcome, closesSummary, parseScenario, ScenarioError } from '../engine'

const text = readFileSync(join(SCENARIO_DIR, 'retract-pt-vs-uffd-copy.json'), 'utf8')

function withCloses(closes: unknown, toggle = 'recheck-under-ptl'): string {
  const sc = JSON.parse(text) as { toggles: { id: string; closes?: unknown }[] }
  const t = sc.toggles.find((x) => x.id === toggle)
  if (!t) throw new Error(toggle)
  t.closes = closes
  return JSON.stringify(sc)
}

function problem(src: string): { path: string; problem: string } {
  try {
    parseScenario(src, 'my.json')
  } catch (e) {
    if (e instanceof ScenarioError) return { path: e.path, problem: e.problem }
    throw e
  }
  throw new Error('expected a ScenarioError')
}

describe("a toggle's closes, one word or per outcome", () => {
  it('keeps the one-word form valid', () => {
    const sc = parseScenario(withCloses('partly'), 'x.json')
    const t = sc.toggles.find((x) => x.id === 'recheck-under-ptl')
    expect(t && closesSummary(t)).toBe('partly')
    expect(t && closesPerOutcome(t)).toEqual([])
  })

  it('summarises a per-outcome closes as yes, no or partly', () => {
    const sc = parseScenario(text, 'x.json')
    const by = Object.fromEntries(sc.toggles.map((t) => [t.id, closesSummary(t)]))
    expect(by['recheck-under-ptl']).toBe('partly')
    expect(by['mmap-write-trylock']).toBe('n/a')
    const one = parseScenario(withCloses({ 'mfill-pmd-none-bug': 'yes' }), 'x.json')
    expect(closesSummary(one.toggles.find((x) => x.id === 'recheck-under-ptl') ?? { closes: 'n/a' })).toBe(
      'yes'
    )
    const none = parseScenario(withCloses({ 'mfill-pmd-none-bug': 'no' }), 'x.json')
    expect(closesSummary(none.toggles.find((x) => x.id === 'recheck-under-ptl') ?? { closes: 'n/a' })).toBe(
      'no'
    )
  })

  it('names the place of an unknown outcome, an ok outcome or a wrong word', () => {
    const i = (JSON.parse(text) as { toggles: { id: string }[] }).toggles.findIndex(
      (t) => t.id === 'recheck-under-ptl'
    )
    expect(problem(withCloses({ 'no-such-outcome': 'yes' }))).toEqual({
      path: `toggles.${String(i)}.closes.no-such-outcome`,
      problem: "no outcome 'no-such-outcome'",
    })
    expect(problem(withCloses({ retracted: 'yes' })).problem).toMatch(/'retracted' is not a bad outcome/)
    expect(problem(withCloses({ 'mfill-pmd-none-bug': 'maybe' })).path).toMatch(/^toggles\.\d+\.closes/)
    expect(problem(withCloses({})).path).toMatch(/^toggles\.\d+\.closes/)
  })
})
