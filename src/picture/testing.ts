import { parseSchedule, replay, type Program, type Replay } from '../engine'
import { buildProgram } from '../engine'
import { loadScenario } from '../cli/scenarioFiles'
import type { ChangeMap } from './scene'

export const RACES = [
  'migration-vs-shmem-fault',
  'gup-fast-vs-thp-collapse',
  'exec-stack-vs-migration',
  'device-private-fault-livelock',
  'retract-pt-vs-uffd-copy',
] as const

/** A race's reported run, as the page replays it. */
export function reportedRun(id: string): { program: Program; run: Replay } {
  const sc = loadScenario(id)
  const program = buildProgram(sc, sc.reported.with)
  return { program, run: replay(program, parseSchedule(sc.reported.schedule)) }
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
