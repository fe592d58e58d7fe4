import { buildProgram, replay, type Program, type Replay, type ScenarioFile } from '../engine'
import { findScenario } from '../app/scenarios'
import type { ViewState } from './store'
import { userRevision } from './userScenarios'

/** What the engine says about the current view; derived, never stored. */
export interface Session {
  readonly scenario: ScenarioFile
  readonly program: Program
  readonly replay: Replay
  /** Steps of the schedule that actually ran (less than its length if it stopped). */
  readonly executed: number
  /** After a toggle change: the first step that runs differently, and how. */
  readonly divergence: Divergence | null
}

export interface Divergence {
  readonly index: number
  readonly before: string
  readonly after: string
}

let last: { key: string; value: Session | null } | null = null
let lastCompare: { key: string; value: Replay | null } | null = null

function replayFor(
  sc: ScenarioFile,
  toggles: readonly string[],
  schedule: readonly string[]
): { program: Program; replay: Replay } | null {
  let program: Program
  try {
    program = buildProgram(sc, toggles)
  } catch {
    return null
  }
  return { program, replay: replay(program, schedule) }
}

/** The session of a view, recomputed only when scenario, toggles or schedule change. */
export function sessionOf(
  v: Pick<ViewState, 'scenarioId' | 'toggles' | 'schedule' | 'compareTo'>
): Session | null {
  const key = `${v.scenarioId ?? ''}#${String(userRevision())}|${v.toggles.join(',')}|${v.schedule.join('')}`
  let base = last?.key === key ? last.value : undefined
  if (base === undefined) {
    const sc = v.scenarioId === null ? undefined : findScenario(v.scenarioId)
    const r = sc ? replayFor(sc, v.toggles, v.schedule) : null
    base =
      sc && r
        ? {
            scenario: sc,
            program: r.program,
            replay: r.replay,
            executed: r.replay.records.length,
            divergence: null,
          }
        : null
    last = { key, value: base }
  }
  if (!base || v.compareTo === null) return base
  const ckey = `${key}|${v.compareTo.join(',')}`
  let before = lastCompare?.key === ckey ? lastCompare.value : undefined
  if (before === undefined) {
    before = replayFor(base.scenario, v.compareTo, v.schedule)?.replay ?? null
    lastCompare = { key: ckey, value: before }
  }
  // Same inputs, same object: components memoized on the session do not re-render.
  if (lastWithDivergence?.key !== ckey || lastWithDivergence.base !== base)
    lastWithDivergence = {
      key: ckey,
      base,
      value: { ...base, divergence: before ? diverge(before, base.replay) : null },
    }
  return lastWithDivergence.value
}

let lastWithDivergence: { key: string; base: Session; value: Session } | null = null

function diverge(before: Replay, after: Replay): Divergence | null {
  const n = Math.max(before.records.length, after.records.length)
  for (let i = 0; i < n; i++) {
    const b = before.records[i]
    const a = after.records[i]
    if (b?.stepId === a?.stepId && b?.kind === a?.kind) continue
    return {
      index: i,
      before: b ? `${b.thread} ran ${b.stepId}` : 'the interleaving had ended',
      after: a ? `${a.thread} runs ${a.stepId}` : (after.error?.message ?? 'the interleaving ends here'),
    }
  }
  return null
}
