import { describe, expect, it } from 'vitest'

import type { State } from '../engine'
import { foldScene } from './fold'
import { layoutScene, type PictureLayout } from './layout'
import { sceneOf } from './scene'
import { RACES, reportedRun, stepScene } from './testing'

function overlaps(l: PictureLayout): string[] {
  const out: string[] = []
  for (const [i, a] of l.nodes.entries())
    for (const b of l.nodes.slice(i + 1))
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h)
        out.push(`${a.node.id} × ${b.node.id}`)
  return out
}

describe('the picture layout', () => {
  for (const id of RACES)
    it(`${id}: every step, at phone to projector widths, boxes neither overlap nor leave the picture`, () => {
      const { program, run } = reportedRun(id)
      for (let pos = 0; pos < run.states.length; pos++) {
        const scene = stepScene(program, run, pos)
        for (const [maxWidth, fontSize, s] of [
          [360, 14, scene],
          [820, 14, scene],
          [1800, 14, scene],
          [600, 20, foldScene(scene)],
        ] as const) {
          const l = layoutScene(s, { fontSize, maxWidth })
          const where = `${id} at ${String(pos)}, ${String(maxWidth)} px`
          expect(overlaps(l), where).toEqual([])
          const widest = Math.max(...l.nodes.map((n) => n.w))
          expect(l.width, where).toBeLessThanOrEqual(Math.max(maxWidth, widest) + 4)
          for (const n of l.nodes) {
            expect(n.x >= 0 && n.y >= 0 && n.x + n.w <= l.width && n.y + n.h <= l.height, where).toBe(true)
            // Rows sit inside their box.
            for (const r of n.rows)
              expect(r.y + (r.lines.length - 0.5) * l.line, where).toBeLessThanOrEqual(n.h)
          }
          expect(l.edges.length, where).toBe(s.edges.length)
          for (const e of l.edges) expect(e.d, where).toMatch(/^M[\d.-]+,[\d.-]+C/)
        }
      }
    })

  it('side by side when there is room: mm, then tables, then folios, then who else refers', () => {
    const { program, run } = reportedRun('gup-fast-vs-thp-collapse')
    const l = layoutScene(sceneOf(program, run.states[0] as State, new Map()), {
      fontSize: 14,
      maxWidth: 3000,
    })
    expect(l.orientation).toBe('wide')
    const x = (kind: string) => Math.min(...l.nodes.filter((n) => n.node.kind === kind).map((n) => n.x))
    expect(x('mm')).toBeLessThan(x('table'))
    expect(x('table')).toBeLessThan(x('folio'))
    expect(x('folio')).toBeLessThan(x('cpu'))
    const narrow = layoutScene(sceneOf(program, run.states[0] as State, new Map()), {
      fontSize: 14,
      maxWidth: 390,
    })
    expect(narrow.orientation).toBe('tall')
    expect(narrow.width).toBeLessThanOrEqual(394)
  })

  it('a box is as wide as its longest line in the monospace font, and long values wrap', () => {
    const { program, run } = reportedRun('device-private-fault-livelock')
    const end = run.states[run.states.length - 1] as State
    const l = layoutScene(sceneOf(program, end, new Map()), { fontSize: 20, maxWidth: 400 })
    for (const n of l.nodes)
      for (const r of n.rows)
        for (const line of r.lines) expect(line.length * l.char, `${n.node.id} ${r.key}`).toBeLessThan(n.w)
    expect(l.nodes.flatMap((n) => n.rows).some((r) => r.lines.length > 1)).toBe(true)
  })
})
