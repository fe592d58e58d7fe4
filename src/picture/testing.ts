import {
  buildProgram,
  complete,
  type Completed,
  type Entry,
  type Program,
  type Replay,
  type State,
} from '../engine'
import { loadScenario } from '../cli/scenarioFiles'
import { sceneOf } from './scene'
import type { ChangeMap, Scene } from './types'

export const RACES = [
  'migration-vs-shmem-fault',
  'gup-fast-vs-thp-collapse',
  'exec-stack-vs-migration',
  'device-private-fault-livelock',
  'retract-pt-vs-uffd-copy',
] as const

/**
 * A race's reported run as the page shows it: the reported order, completed by the page's
 * policy (engine/schedule/complete.ts), so it can be longer than the reported schedule.
 */
export function reportedRun(id: string): { program: Program; run: Completed } {
  const sc = loadScenario(id)
  const program = buildProgram(sc, sc.reported.with)
  return { program, run: complete(program, sc.reported.schedule) }
}

/** The picture's scene after step `pos` of a run, with what that step changed and removed. */
export function stepScene(program: Program, run: Replay, pos: number): Scene {
  return sceneOf(program, run.states[pos] as State, changesAt(run, pos), undefined, run.states[pos - 1])
}

/** What step `i` (1-based position) changed, as the UI computes it. */
export function changesAt(run: Replay, position: number): ChangeMap {
  const m = new Map<string, { before: string; after: string }>()
  for (const e of run.records[position - 1]?.effects ?? []) {
    if (e.kind !== 'write') continue
    m.set(e.path, { before: m.get(e.path)?.before ?? e.before, after: e.after })
  }
  return m
}

/**
 * The arrows the model's state says must be drawn, as `from/row>to` → kind: every PTE and PMD
 * pointer, page cache slot, TLB entry and IOMMU cached walk. Written from the state directly,
 * so it checks the picture rather than repeating it.
 */
export function pointerEdges(state: State): Map<string, string> {
  const out = new Map<string, string>()
  const kindOf: Partial<Record<Entry['k'], string>> = {
    present: 'map',
    migration: 'migration',
    'device-private': 'device',
    invalid: 'invalid',
  }
  for (const [id, t] of Object.entries(state.tables))
    for (const [idx, e] of Object.entries(t.ptes)) {
      const k = kindOf[e.k]
      if (k && 'folio' in e) out.set(`table:${id}/pte:${idx}>folio:${e.folio}`, k)
    }
  for (const [key, e] of Object.entries(state.pmds)) {
    const mm = key.slice(0, key.lastIndexOf(':'))
    if (e.k === 'table') out.set(`mm:${mm}/pmd:${key}>table:${e.table}`, 'table')
    if (e.k === 'huge') out.set(`mm:${mm}/pmd:${key}>folio:${e.folio}`, 'huge')
  }
  for (const [slot, f] of Object.entries(state.pageCache)) out.set(`cache/slot:${slot}>folio:${f}`, 'cache')
  for (const [t, th] of Object.entries(state.threads))
    for (const [va, page] of Object.entries(th.tlb))
      out.set(`cpu:${t}/tlb:${va}>folio:${page.slice(0, page.lastIndexOf('#'))}`, 'tlb')
  for (const [id, mmu] of Object.entries(state.iommus))
    for (const [va, t] of Object.entries(mmu.walkCache)) out.set(`iommu:${id}/walk:${va}>table:${t}`, 'walk')
  return out
}

/** The kinds `pointerEdges` covers (the rest are a thread's own references). */
export const POINTER_KINDS: ReadonlySet<string> = new Set([
  'map',
  'migration',
  'device',
  'invalid',
  'table',
  'huge',
  'cache',
  'tlb',
  'walk',
])
