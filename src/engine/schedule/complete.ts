import { isLivelock, isTerminal, outcomesAt } from '../interp/outcomes'
import { enabledThreads, isDone, runStep, StepError, whyNotRunnable, type StepRecord } from '../interp/step'
import type { State } from '../model/types'
import type { Program } from '../scenario/program'
import { stateKey } from '../explore/stateKey'
import { parseSchedule } from './notation'
import {
  closingLivelock,
  judgeStretch,
  livelockId,
  scheduleText,
  situationKey,
  type Replay,
  type ReplayError,
} from './replay'

/**
 * The completion policy: how the page and `replay --complete` turn any requested order into a
 * run that ends somewhere definite.
 *
 * 1. The requested letters are replayed in order. A slot that asks a thread which is blocked or
 *    finished to run is dropped (and said: position, thread, reason); the run goes on.
 * 2. When the letters run out before a terminal state, the run is completed: the thread that
 *    ran last keeps running until it blocks or finishes, then the lowest letter that can run.
 *    (Few context switches, as a person drawing the race would.)
 * 3. Fairness: when the run comes back to a state it was in, and a thread that could run all
 *    through that stretch never ran in it, that thread (the lowest such letter) runs next, so
 *    completion never starves a thread into a fake cycle.
 * 4. It ends in a terminal state (every thread finished: its outcomes; some unfinished: an
 *    explicit deadlock), a fair cycle (a livelock when no progress step ran in it, else a cycle
 *    with progress), or, past `MAX_COMPLETION_STEPS` completed steps, an explicit "gave up".
 */
export type Ending =
  | { readonly kind: 'finished' }
  | { readonly kind: 'deadlock'; readonly waiting: readonly string[] }
  | { readonly kind: 'livelock'; readonly from: number }
  | { readonly kind: 'cycle'; readonly from: number }
  | { readonly kind: 'limit'; readonly steps: number }

export interface Dropped extends ReplayError {
  /** How many steps had run when the slot was dropped (where it shows in the run). */
  readonly at: number
}

export interface Completed extends Replay {
  /** Slots of the requested order that could not run, in order. */
  readonly dropped: readonly Dropped[]
  /** Steps `0 … requested-1` of `records` came from the requested order; the rest, from the policy. */
  readonly requested: number
  readonly ending: Ending
}

export const MAX_COMPLETION_STEPS = 5000

export function complete(p: Program, schedule: string | readonly string[]): Completed {
  const letters = typeof schedule === 'string' ? parseSchedule(scheduleText(p, schedule)) : schedule
  const states: State[] = [p.initial]
  const records: StepRecord[] = []
  const dropped: Dropped[] = []
  const reachedAt: Record<string, number> = {}
  const wantsLivelock = p.scenario.outcomes.some(isLivelock)
  const keyOf = (x: State) => situationKey(p, x)
  /** Where each state was first met (index into `states`). */
  const seen = new Map<string, number>()
  let s = p.initial
  let error: ReplayError | null = null
  let ending: Ending | null = null

  const note = (at: number) => {
    for (const o of outcomesAt(p, s)) if (!(o in reachedAt)) reachedAt[o] = at
  }
  /** The stretch since `from` came back to the same state: a livelock, a cycle, or unfair. */
  const judge = (from: number) => judgeStretch(p, states, records, from)
  /** A thread the fairness rule makes run next (rule 3). */
  const turn: { forced: string | null } = { forced: null }
  /** Run one step; while completing, returns false when the run has closed a fair cycle. */
  const stepOnce = (t: string, completing: boolean): boolean => {
    const r = runStep(p, s, t)
    s = r.state
    states.push(s)
    records.push(r.record)
    note(records.length)
    const key = keyOf(s)
    const before = seen.get(key)
    // While completing, an unfair return keeps the earlier mark, so the stretch judged next
    // time includes the thread that was made to run.
    if (before === undefined || !completing) {
      seen.set(key, states.length - 1)
      return true
    }
    return !closes(before)
  }
  /** The run is back where it was after step `before`: end it there if that stretch is fair. */
  const closes = (before: number): boolean => {
    const j = judge(before)
    if (!j.fair) {
      turn.forced = j.starved
      return false
    }
    ending =
      wantsLivelock && !j.progress ? { kind: 'livelock', from: before } : { kind: 'cycle', from: before }
    if (ending.kind === 'livelock' && !(livelockId(p) in reachedAt)) reachedAt[livelockId(p)] = records.length
    return true
  }

  note(0)
  seen.set(keyOf(s), 0)
  try {
    for (const [i, t] of letters.entries()) {
      const why = whyNotRunnable(p, s, t)
      if (why !== null) {
        dropped.push({
          position: i + 1,
          thread: t,
          message: `step ${String(i + 1)}: ${why}`,
          at: records.length,
        })
        continue
      }
      stepOnce(t, false)
    }
    const requested = records.length
    // A requested order that ends by closing a livelock (the explorer's cycles do) ends there.
    const from = wantsLivelock && requested > 0 ? closingLivelock(p, states, records) : null
    if (from !== null) {
      ending = { kind: 'livelock', from }
      if (!(livelockId(p) in reachedAt)) reachedAt[livelockId(p)] = records.length
    }
    let last = records.at(-1)?.thread ?? null
    let extra = 0
    while (ending === null) {
      const enabled = enabledThreads(p, s)
      if (enabled.length === 0) break
      if (extra >= MAX_COMPLETION_STEPS) {
        ending = { kind: 'limit', steps: extra }
        break
      }
      const f = turn.forced
      turn.forced = null
      const t =
        f !== null && enabled.includes(f)
          ? f
          : last !== null && enabled.includes(last)
            ? last
            : (enabled[0] as string)
      extra++
      last = t
      if (!stepOnce(t, true)) break
    }
    return finish(requested)
  } catch (e) {
    if (!(e instanceof StepError)) throw e
    // A step the model cannot run (a scenario bug): said, with everything before it kept.
    error = {
      position: records.length + 1,
      thread: e.thread,
      message: `step ${String(records.length + 1)}: ${e.message}`,
    }
    return finish(Math.min(records.length, letters.length))
  }

  function finish(requested: number): Completed {
    const terminal = isTerminal(p, s)
    const end: Ending =
      ending ??
      (terminal
        ? p.threads.every((t) => isDone(p, s, t.letter))
          ? { kind: 'finished' }
          : {
              kind: 'deadlock',
              waiting: p.threads.filter((t) => !isDone(p, s, t.letter)).map((t) => t.letter),
            }
        : { kind: 'limit', steps: records.length - requested })
    return {
      states,
      records,
      executed: records.map((r) => r.thread),
      error,
      outcomes: Object.keys(reachedAt),
      reachedAt,
      terminal,
      dropped,
      requested,
      ending: end,
    }
  }
}

/** The ending in one sentence, for the page and the CLI. */
export function describeEnding(p: Program, c: Completed): string {
  const e = c.ending
  switch (e.kind) {
    case 'finished':
      return `every thread finished after ${String(c.records.length)} steps`
    case 'deadlock':
      return `deadlock after ${String(c.records.length)} steps: ${e.waiting.map((t) => whyNotRunnable(p, c.states[c.states.length - 1] as State, t) ?? t).join('; ')}`
    case 'livelock':
      return `a livelock: after step ${String(c.records.length)} the run is back in the state it was in after step ${String(e.from)}${asideDead(c, e.from)}, and no progress step ran in between`
    case 'cycle':
      return `a cycle: after step ${String(c.records.length)} the run is back in the state it was in after step ${String(e.from)}${asideDead(c, e.from)}, and would repeat forever${c.outcomes.includes(livelockId(p)) || !p.scenario.outcomes.some(isLivelock) ? '' : ' (a progress step runs in it, so it is not a livelock)'}`
    case 'limit':
      return c.error
        ? `stopped by a model error: ${c.error.message}`
        : `no end after ${String(e.steps)} completed steps (the completion gave up)`
  }
}

/** Said when a run came back to a state that differs only in values no later step reads. */
function asideDead(c: Completed, from: number): string {
  const a = c.states[from]
  const b = c.states[c.states.length - 1]
  return a && b && stateKey(a) !== stateKey(b) ? ' (but for values no later step reads)' : ''
}
