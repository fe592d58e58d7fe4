import { describe, expect, it } from 'vitest'

import { buildProgram, replay, stepOf } from '../engine'
import { DiagramError, importDiagram, MAX_DIAGRAM_CHARS, readDiagram } from './index'

const order = (text: string) => {
  const sc = importDiagram(text).scenario
  const p = buildProgram(sc, [])
  return replay(p, sc.reported.schedule).records.map(
    (r) => `${r.thread}:${stepOf(p, r.thread, r.stepId)?.spec.title ?? ''}`
  )
}

describe('reading column diagrams', () => {
  it('without a header, names the columns and says so', () => {
    const d = readDiagram('\tspin_lock(a)\t\t\tspin_lock(b)\n\tspin_lock(b)\t\t\tspin_lock(a)\n')
    expect(d.columns.map((c) => c.name)).toEqual(['Column 1', 'Column 2'])
    expect(d.notices.map((n) => n.message).join('\n')).toMatch(/no header row/)
    expect(d.cells.map((c) => `${String(c.col)}:${c.text}`)).toEqual([
      '0:spin_lock(a)',
      '1:spin_lock(b)',
      '0:spin_lock(b)',
      '1:spin_lock(a)',
    ])
  })

  it('joins a wrapped argument list and keeps a <-- annotation after the call', () => {
    expect(
      order(
        [
          'CPU A                          CPU B',
          'gup_pmd_range()   <-- see valid pmd',
          '                               pmdp_collapse_flush(vma,',
          '                                        address, pmd)   <-- clear pmd',
          'gup_pte_range()',
        ].join('\n')
      )
    ).toEqual([
      'A:gup_pmd_range() — see valid pmd',
      'B:pmdp_collapse_flush(vma, address, pmd) — clear pmd',
      'A:gup_pte_range()',
    ])
  })

  it('says when a cell sits between two columns instead of guessing silently', () => {
    const d = readDiagram('CPU0                CPU1\nfoo()\n          bar()\n                    baz()\n')
    expect(d.notices.some((n) => n.line === 3 && /between columns CPU0 and CPU1/.test(n.message))).toBe(true)
  })

  it('reads headers such as Thread A, Process 1 and core 0, with or without colons', () => {
    for (const h of [
      'Thread A:          Thread B:',
      'Process 1          Process 2',
      'core 0             core 1',
    ])
      expect(readDiagram(`${h}\nx()\n                   y()\n`).columns).toHaveLength(2)
  })

  it('refuses text without a diagram, and text too long, with a reason', () => {
    expect(() => readDiagram('A paragraph of prose describing a race in words only, nothing drawn.')).toThrow(
      DiagramError
    )
    expect(() => readDiagram('x'.repeat(MAX_DIAGRAM_CHARS + 1))).toThrow(/longer than/)
    expect(() => readDiagram('CPU0      CPU1\n\n\n')).toThrow(/no cells/)
  })

  it('treats hostile text as text: ids, lock names and titles stay within the schema', () => {
    const r = importDiagram(
      'CPU0                    CPU1\n----                    ----\n  lock(__proto__);\n                          lock(constructor);\n *** DEADLOCK ***\n'
    )
    expect(Object.keys(r.scenario.initial.locks)).toEqual(['proto', 'constructor_lock'])
    expect(Object.getPrototypeOf(r.raw)).toBe(Object.prototype)
  })
})
