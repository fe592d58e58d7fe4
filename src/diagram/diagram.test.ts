import { readFileSync } from 'node:fs'

import { describe, expect, it } from 'vitest'

import { knownIds, loadScenario } from '../cli/scenarioFiles'
import { MATRIX } from '../conformance/matrix'
import { program } from '../conformance/helpers'
import { complete, stepOf, type Program } from '../engine'
import { diagram, wrap } from './diagram'
import { diagramsDoc } from './docs'

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length))

function reported(id: string, toggles?: readonly string[]): { p: Program; text: string } {
  const sc = loadScenario(id)
  const p = program(id, toggles ?? sc.reported.with)
  return { p, text: diagram(p, complete(p, 'reported')) }
}

/** Every step's function appears whole, in the run's order. */
function functionsInOrder(p: Program, text: string): void {
  const run = complete(p, 'reported')
  let from = 0
  for (const r of run.records) {
    const fn = `${stepOf(p, r.thread, r.stepId)?.spec.fn ?? '?'}()`
    const at = text.indexOf(fn, from)
    expect(at, `${fn} after offset ${String(from)}`).toBeGreaterThanOrEqual(0)
    from = at + fn.length
  }
}

describe('the commit-message diagram', () => {
  it('wraps notes into lines of the given width and cuts a word longer than a line', () => {
    expect(wrap('pin P0 (refcount += 1024)', 10)).toEqual(['pin P0', '(refcount', '+= 1024)'])
    expect(wrap('ptep_get_lockless_and_more', 10)).toEqual(['ptep_get_~'])
    expect(wrap('', 10)).toEqual([''])
    for (const l of wrap('a b c d e f g h i j k l m n o p', 7)) expect(l.length).toBeLessThanOrEqual(7)
  })

  it('keeps every race under every toggle set within 75 columns, with every function name whole', () => {
    for (const [id, toggles] of MATRIX) {
      const { p, text } = reported(id, toggles)
      expect(widest(text), `${id} [${toggles.join(',')}]`).toBeLessThanOrEqual(75)
      functionsInOrder(p, text)
    }
  })

  it('lays out three, four and five columns, one header per thread, each underlined', () => {
    const cases: [string, string[] | undefined, number][] = [
      ['exec-stack-vs-migration', undefined, 3],
      ['gup-fast-vs-thp-collapse', undefined, 4],
      ['retract-pt-vs-uffd-copy', ['iommu', 'uffd-wp-writer'], 5],
    ]
    for (const [id, toggles, n] of cases) {
      const { text } = reported(id, toggles)
      const [head = ''] = text.split('\n')
      expect(head.trim().split(/\s{2,}/), id).toHaveLength(n)
      const rule = text.split('\n').find((l) => /^\s*-{2,}/.test(l)) ?? ''
      expect(rule.trim().split(/\s+/), id).toHaveLength(n)
      // Columns start where their headers start: the rule's dashes sit under each header.
      const starts = [...head.matchAll(/\S+(?: \S+)*/g)].map((m) => m.index)
      const dashes = [...rule.matchAll(/-+/g)].map((m) => m.index)
      expect(dashes, id).toEqual(starts)
    }
  })

  it('fits a narrower width too, wrapping notes rather than cutting function names', () => {
    const p = program('gup-fast-vs-thp-collapse')
    const text = diagram(p, complete(p, 'reported'), { width: 64 })
    expect(widest(text)).toBeLessThanOrEqual(64)
    functionsInOrder(p, text)
  })

  it('marks the race windows, the waits and the bad outcomes', () => {
    const { text } = reported('gup-fast-vs-thp-collapse')
    const lines = text.split('\n')
    // Race 1: the refcount check and the pin, numbered in the gutter, | between.
    const check = lines.findIndex((l) => l.includes('is_refcount_suitable()'))
    const pin = lines.findIndex((l) => l.includes('try_grab_folio()'))
    expect(lines[check]?.startsWith('1')).toBe(true)
    expect(lines[pin]?.startsWith('1')).toBe(true)
    for (let k = check + 1; k < pin; k++) expect(lines[k]?.startsWith('|')).toBe(true)
    expect(text).toMatch(/^1: GUP-fast pinned P0 after collapse_huge_page had checked its refcount\.$/m)
    expect(text).toMatch(/\*\*\* GUP returned a stale page \*\*\*/)
    expect(text).toMatch(/^Run ends: every thread finished after 43 steps\.$/m)
    const waits = reported('device-private-fault-livelock').text
    expect(waits).toMatch(/~~ sleeping on driver_lock, held by A/)
    expect(waits).toMatch(/Run ends: a livelock/)
  })

  it('marks where the page completed a run', () => {
    const p = program('gup-fast-vs-thp-collapse', ['gup-pmd-recheck'])
    const text = diagram(p, complete(p, 'reported'))
    expect(text).toMatch(/- - - completed by the page - - -/)
  })

  it('docs/diagrams.md is current (regenerate with npm run diagram -- --docs)', () => {
    const doc = diagramsDoc(knownIds().map((id) => loadScenario(id)))
    expect(readFileSync('docs/diagrams.md', 'utf8')).toBe(doc)
  })
})
