import { buildProgram, complete, type Completed, type Program, type ScenarioFile } from '../engine'
import { findScenario } from '../app/scenarios'
import { runChange, type RunChange } from '../diff/changes'
import type { ViewState } from './store'
import { userRevision } from './userScenarios'

/** What the engine says about the current view; derived, never stored. */
export interface Session {
  readonly scenario: ScenarioFile
  readonly program: Program
  /**
   * The schedule replayed and completed (engine/schedule/complete.ts): slots that could not run
   * are dropped and said, and a run that stops short is completed to an outcome, a deadlock or a
   * cycle. `replay.executed` is the run shown.
   */
  readonly replay: Completed
  /** Steps of the run (requested and completed). */
  readonly executed: number
  /** After a toggle change or a reorder: the first step that runs differently, and how. */
  readonly divergence: Divergence | null
}

/** In kernel words (function and title), with the steps that are new and those that vanished. */
export type Divergence = RunChange

let last: { key: string; value: Session | null } | null = null
let lastCompare: { key: string; value: { program: Program; replay: Completed } | null } | null = null

export function runFor(
  sc: ScenarioFile,
  toggles: readonly string[],
  schedule: readonly string[]
): { program: Program; replay: Completed } | null {
  let program: Program
  try {
    program = buildProgram(sc, toggles)
  } catch {
    return null
  }
  return { program, replay: complete(program, schedule) }
}

type Inputs = Pick<ViewState, 'scenarioId' | 'toggles' | 'schedule' | 'compareTo'> &
  Partial<Pick<ViewState, 'compareSchedule'>>

/** The session of a view, recomputed only when scenario, toggles or schedule change. */
export function sessionOf(v: Inputs): Session | null {
  const key = `${v.scenarioId ?? ''}#${String(userRevision())}|${v.toggles.join(',')}|${v.schedule.join('')}`
  let base = last?.key === key ? last.value : undefined
  if (base === undefined) {
    const sc = v.scenarioId === null ? undefined : findScenario(v.scenarioId)
    const r = sc ? runFor(sc, v.toggles, v.schedule) : null
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
  const compareSchedule = v.compareSchedule ?? null
  if (!base || (v.compareTo === null && compareSchedule === null)) return base
  const ckey = `${key}|${(v.compareTo ?? v.toggles).join(',')}|${(compareSchedule ?? v.schedule).join('')}`
  let before = lastCompare?.key === ckey ? lastCompare.value : undefined
  if (before === undefined) {
    before = runFor(base.scenario, v.compareTo ?? v.toggles, compareSchedule ?? v.schedule)
    lastCompare = { key: ckey, value: before }
  }
  // Same inputs, same object: components memoized on the session do not re-render.
  if (lastWithDivergence?.key !== ckey || lastWithDivergence.base !== base)
    lastWithDivergence = {
      key: ckey,
      base,
      value: {
        ...base,
        divergence: before ? runChange(before.program, before.replay, base.program, base.replay) : null,
      },
    }
  return lastWithDivergence.value
}

let lastWithDivergence: { key: string; base: Session; value: Session } | null = null
