import { describe, expect, it } from 'vitest'

import { program } from '../conformance/helpers'
import { complete } from '../engine'
import { align, diffStates } from './align'

const GUP = 'gup-fast-vs-thp-collapse'
const side = (toggles: string[], schedule = 'reported') => {
  const p = program(GUP, toggles)
  return { program: p, run: complete(p, schedule) }
}

describe('two runs side by side', () => {
  it('aligns a run with itself step for step, with nothing different', () => {
    const al = align(side([]), side([]))
    expect(al.first).toBeNull()
    expect(al.change).toBeNull()
    expect(al.rows.every((r) => r.a === r.b && r.fields.length === 0)).toBe(true)
  })

  it('marks the first divergence of the fix, keeps every step of both runs once, and lists the fields that differ', () => {
    const a = side([])
    const b = side(['gup-pmd-recheck'])
    const al = align(a, b)
    expect(al.change?.index).toBe(18)
    const first = al.rows[al.first ?? -1]
    expect(first?.a === null || first?.b === null).toBe(true)
    // Every step of each run appears exactly once, in order.
    const as = al.rows.flatMap((r) => (r.a === null ? [] : [r.a]))
    const bs = al.rows.flatMap((r) => (r.b === null ? [] : [r.b]))
    expect(as).toEqual(a.run.records.map((_, i) => i))
    expect(bs).toEqual(b.run.records.map((_, i) => i))
    // After the divergence, aligned steps see a different refcount on P0 (pinned vs backed off).
    const later = al.rows.slice((al.first ?? 0) + 1).find((r) => r.a !== null && r.b !== null)
    expect(later?.fields.find((f) => f.path === 'folios.P0.refcount')).toMatchObject({ a: '1026', b: '2' })
  })

  it('leaves the program counter out of the fields', () => {
    const { run } = side([])
    const fields = diffStates(run.states[0] as never, run.states[1] as never)
    expect(fields.some((f) => f.path.endsWith('.pc'))).toBe(false)
    expect(fields.length).toBeGreaterThan(0)
  })
})
