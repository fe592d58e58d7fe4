import { isFairStretch, isLivelock, isTerminal, outcomesAt, progressSteps } from '../interp/outcomes'
import { enabledThreads, runStep, StepError, whyNotRunnable, type StepRecord } from '../interp/step'
import type { State } from '../model/types'
import type { Program } from '../scenario/program'
import { withoutDead } from '../explore/liveness'
import { stateKey } from '../explore/stateKey'
import { parseSchedule } from './notation'

export interface ReplayError {
  /** 1-based position in the schedule of the step that could not run. */
  readonly position: number
  readonly thread: string
  readonly message: string
}

export interface Replay {
  /** `states[0]` is the initial state; `states[i]` the state after the i-th step. */
  readonly states: readonly State[]
  readonly records: readonly StepRecord[]
  /** The letters actually executed (a prefix of the schedule when it stopped early). */
  readonly executed: readonly string[]
  readonly error: ReplayError | null
  /** Outcomes reached anywhere in the run, in the order first reached. */
  readonly outcomes: readonly string[]
  /** For each reached outcome, the number of steps after which it first held (0 = initially). */
  readonly reachedAt: Readonly<Record<string, number>>
  readonly terminal: boolean
}

/** The schedule text for `reported`, or the text itself. */
export function scheduleText(p: Program, schedule: string): string {
  return schedule.trim().toLowerCase() === 'reported' ? p.scenario.reported.schedule : schedule
}

/**
 * Run a schedule from the initial state. Replay stops at the first step that cannot run and
 * says why (`step 9: B is spinning on pmd_ptl, held by A`), keeping everything before it.
 */
export function replay(p: Program, schedule: string | readonly string[]): Replay {
  const letters = typeof schedule === 'string' ? parseSchedule(scheduleText(p, schedule)) : schedule
  const states: State[] = [p.initial]
  const records: StepRecord[] = []
  let error: ReplayError | null = null
  let s = p.initial
  const reachedAt: Record<string, number> = {}
  const note = (at: number) => {
    for (const o of outcomesAt(p, s)) if (!Object.hasOwn(reachedAt, o)) reachedAt[o] = at
  }
  note(0)
  for (const [i, t] of letters.entries()) {
    const why = whyNotRunnable(p, s, t)
    if (why !== null) {
      error = { position: i + 1, thread: t, message: `step ${String(i + 1)}: ${why}` }
      break
    }
    try {
      const r = runStep(p, s, t)
      s = r.state
      states.push(s)
      records.push(r.record)
      note(i + 1)
    } catch (e) {
      if (!(e instanceof StepError)) throw e
      error = { position: i + 1, thread: t, message: `step ${String(i + 1)}: ${e.message}` }
      break
    }
  }
  const cycle = livelockIn(p, states, records)
  // Under the scenario's own id for it (a race brought by a user may not call it `livelock`).
  const id = livelockId(p)
  if (cycle && !Object.hasOwn(reachedAt, id)) reachedAt[id] = states.length - 1
  return {
    states,
    records,
    executed: letters.slice(0, records.length),
    error,
    outcomes: Object.keys(reachedAt),
    reachedAt,
    terminal: isTerminal(p, s),
  }
}

/**
 * Does the run end by coming back to an earlier state through a stretch that is a livelock
 * (CONVENTIONS.md): no progress step, and every thread enabled throughout it took a step?
 * Only for scenarios that ask about livelock.
 */
function livelockIn(p: Program, states: readonly State[], records: readonly StepRecord[]): boolean {
  if (!p.scenario.outcomes.some(isLivelock) || records.length === 0) return false
  return closingLivelock(p, states, records) !== null
}

/** A state's key as a situation: states that differ only in locals nobody reads again are one. */
export function situationKey(p: Program, s: State): string {
  return stateKey(withoutDead(p, s))
}

/**
 * Where the livelock starts that the run's last state closes: the earlier visit of that
 * situation from which the stretch to the end is fair and makes no progress, or null. The
 * latest return may close a shorter, unfair loop inside a fair one, so each earlier visit is
 * tried, until a stretch is fair or makes progress (then every longer stretch does too).
 * Replay and completion both end a run with it.
 */
export function closingLivelock(
  p: Program,
  states: readonly State[],
  records: readonly StepRecord[]
): number | null {
  const last = situationKey(p, states[states.length - 1] as State)
  for (let start = states.length - 2; start >= 0; start--) {
    if (situationKey(p, states[start] as State) !== last) continue
    const j = judgeStretch(p, states, records, start)
    if (j.progress) return null
    if (j.fair) return start
  }
  return null
}

/**
 * The stretch of a run from state `from` to its end, which came back to where it started: is it
 * fair (every thread enabled all along took a step: CONVENTIONS.md, livelock), did a progress
 * step run in it, and, if it is unfair, the lowest thread it starved. Replay and completion
 * judge their cycles with it.
 */
export function judgeStretch(
  p: Program,
  states: readonly State[],
  records: readonly StepRecord[],
  from: number
): { fair: boolean; progress: boolean; starved: string | null } {
  const stretch = records.slice(from)
  const enabled = states.slice(from).map((x) => enabledThreads(p, x))
  const stepped = stretch.map((r) => r.thread)
  const fair = isFairStretch(p, enabled, stepped)
  const isProgress = progressSteps(p)
  return {
    fair,
    progress: stretch.some((r) => r.kind === 'run' && isProgress(r.thread, r.stepId)),
    starved: fair
      ? null
      : (p.threads.find((t) => !stepped.includes(t.letter) && enabled.every((e) => e.includes(t.letter)))
          ?.letter ?? null),
  }
}

/** The id of the scenario's livelock outcome (`livelock` in the seed races). */
export function livelockId(p: Program): string {
  return p.scenario.outcomes.find(isLivelock)?.id ?? 'livelock'
}
