import { describe, expect, it } from 'vitest'

import type { State } from '../engine'
import { foldScene } from './fold'
import { sceneOf, type Scene } from './scene'
import { changesAt, POINTER_KINDS, pointerEdges, RACES, reportedRun, stepScene } from './testing'

/** The scene's live arrows of the kinds `expectedEdges` covers. */
function drawnEdges(scene: Scene): Map<string, string> {
  return new Map(
    scene.edges
      .filter((e) => !e.ghost && POINTER_KINDS.has(e.kind) && !e.id.includes('/local:'))
      .map((e) => [e.id, e.kind])
  )
}

describe('the state picture', () => {
  for (const id of RACES)
    it(`${id}: at every step of the reported run, every pointer of the state is an arrow, and no other`, () => {
      const { program, run } = reportedRun(id)
      expect(run.error).toBeNull()
      for (let pos = 0; pos < run.states.length; pos++) {
        const state = run.states[pos] as State
        const scene = stepScene(program, run, pos)
        expect(drawnEdges(scene), `${id} at ${String(pos)}`).toEqual(pointerEdges(state))
        const ids = new Set(scene.nodes.map((n) => n.id))
        for (const e of scene.edges) {
          expect(ids.has(e.from) && ids.has(e.to), e.id).toBe(true)
          const rows = scene.nodes.find((n) => n.id === e.from)?.rows.map((r) => r.key) ?? []
          if (!e.ghost) expect(rows).toContain(e.row)
        }
        // Every folio and table is drawn, freed ones as gone.
        for (const [f, folio] of Object.entries(state.folios))
          expect(scene.nodes.find((n) => n.id === `folio:${f}`)?.status === 'gone').toBe(folio.freed)
        for (const [t, table] of Object.entries(state.tables))
          expect(scene.nodes.find((n) => n.id === `table:${t}`)?.status).toBe(
            table.status === 'attached'
              ? 'live'
              : table.status === 'freed' || table.status === 'rcu-pending'
                ? 'gone'
                : 'loose'
          )
        // The fold keeps every arrow (from the title line when its row folds).
        expect(foldScene(scene).edges.map((e) => e.id)).toEqual(scene.edges.map((e) => e.id))
      }
    })

  it('an arrow a step removes stays, as a ghost, for that step only', () => {
    const { program, run } = reportedRun('migration-vs-shmem-fault')
    // The step where try_to_migrate_one clears mmA's PTE: present(P) → none.
    const at = run.records.findIndex((r) =>
      r.effects.some((e) => e.kind === 'write' && e.path === 'tables:TA.ptes.0' && e.after === 'none')
    )
    expect(at).toBeGreaterThanOrEqual(0)
    const pos = at + 1
    const scene = sceneOf(program, run.states[pos] as State, changesAt(run, pos), undefined, run.states[at])
    const ghost = scene.edges.find((e) => e.id === 'table:TA/pte:0>folio:P')
    expect(ghost?.ghost).toBe(true)
    const row = scene.nodes.find((n) => n.id === 'table:TA')?.rows.find((r) => r.key === 'pte:0')
    expect(row?.value).toBe('none')
    expect(row?.was).toBe('present(P#0, rw)')
    const next = sceneOf(
      program,
      run.states[pos + 1] as State,
      changesAt(run, pos + 1),
      undefined,
      run.states[pos]
    )
    expect(next.edges.filter((e) => e.ghost)).toEqual([])
  })

  it('gup-fast-vs-thp-collapse ends with GUP pinning a freed page and the table deposited', () => {
    const { program, run } = reportedRun('gup-fast-vs-thp-collapse')
    const end = run.states[run.states.length - 1] as State
    const scene = sceneOf(program, end, new Map())
    const pin = scene.edges.find((e) => e.kind === 'pin')
    expect(pin?.to).toBe('folio:P0')
    expect(scene.nodes.find((n) => n.id === 'folio:P0')?.status).toBe('gone')
    expect(scene.nodes.find((n) => n.id === 'table:T0')?.tags.map((t) => t.text)).toContain('deposited')
  })

  it('retract-pt-vs-uffd-copy ends with a freed table that still maps a page, and walkers holding it', () => {
    const { program, run } = reportedRun('retract-pt-vs-uffd-copy')
    const scene = sceneOf(program, run.states[run.states.length - 1] as State, new Map())
    expect(scene.nodes.find((n) => n.id === 'table:T2')?.status).toBe('gone')
    expect(scene.edges.some((e) => e.from === 'table:T2' && e.to === 'folio:F')).toBe(true)
    expect(scene.edges.filter((e) => e.kind === 'snapshot' && e.to === 'table:T2').length).toBeGreaterThan(0)
  })

  it("the folio boxes keep the cards' detail: refcount with the expected value, pins, PG_locked owner", () => {
    const { program, run } = reportedRun('gup-fast-vs-thp-collapse')
    let sawPins = false
    let sawCheck = false
    let sawLock = false
    for (let pos = 0; pos < run.states.length; pos++) {
      const scene = sceneOf(program, run.states[pos] as State, new Map(), (f) =>
        f === 'P0' ? { expected: '1', actual: '1025', ok: false, by: 'A9' } : undefined
      )
      const p0 = scene.nodes.find((n) => n.id === 'folio:P0')
      const rows = new Map(p0?.rows.map((r) => [r.key, `${r.label} ${r.value}`]))
      sawPins ||= rows.get('pins')?.startsWith('pins 1') ?? false
      sawCheck ||= rows.get('check')?.includes('expected 1, saw 1025 ✗') ?? false
      sawLock ||= /PG_locked by [A-Z]/.test(rows.get('locked') ?? '')
      expect(rows.get('refcount')).toMatch(/^refcount \d+$/)
      expect(rows.get('mapcount')).toMatch(/^mapcount \d+$/)
    }
    expect([sawPins, sawCheck, sawLock]).toEqual([true, true, true])
  })
})
