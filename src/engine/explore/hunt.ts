import { allOutcomes, isFairStretch, isLivelock, outcomesAt, progressSteps } from '../interp/outcomes'
import { enabledThreads, runStep, StepError } from '../interp/step'
import type { State } from '../model/types'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { stateKey } from './stateKey'

export interface HuntOptions {
  /** Steps to spend over all walks. */
  readonly maxSteps: number
  /** A walk longer than this starts again (runs with a retry loop can go on for ever). */
  readonly maxDepth?: number
  readonly seed?: number
  /**
   * Also look for livelock cycles, where the scenario asks about livelock (the default). It
   * costs a canonical key per step.
   */
  readonly livelock?: boolean
}

export interface HuntResult {
  readonly outcome: string
  /** The walk that reached it: a real schedule, not necessarily a shortest one. */
  readonly schedule: string
  readonly steps: number
  readonly walks: number
}

/**
 * A quick search for a bad outcome before the exhaustive one: walks from the initial state,
 * each step run by a thread picked by a fixed-seed generator (xorshift), so the same program
 * always takes the same walks. A race that breaks in many interleavings is found in a few
 * walks, long before a breadth-first search reaches its depth. It proves nothing when it finds
 * nothing; the exhaustive search gives the verdict, the shortest schedule and the counts.
 *
 * Where the scenario asks about livelock, a walk that comes back to a state it already visited,
 * with no progress step since and every thread enabled all along having stepped, is a livelock
 * by CONVENTIONS' definition: the walk up to there is the prefix and the stretch is the cycle.
 */
export function hunt(p: Program, opts: HuntOptions): HuntResult | null {
  const outcomes = allOutcomes(p)
  const bad = new Set(outcomes.filter((o) => o.severity === 'bad' && !isLivelock(o)).map((o) => o.id))
  const livelock = opts.livelock === false ? undefined : outcomes.find(isLivelock)
  if (bad.size === 0 && !livelock) return null
  const isProgress = progressSteps(p)
  const maxDepth = opts.maxDepth ?? 4 * p.threads.reduce((n, t) => n + t.steps.length, 0)
  let x = (opts.seed ?? 0x9e3779b9) | 0 || 1
  const next = (n: number): number => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) % n
  }
  let spent = 0
  for (let walks = 1; spent < opts.maxSteps; walks++) {
    let s: State = p.initial
    const path: string[] = []
    /** Threads enabled in each state of the walk. */
    const enabled: string[][] = []
    /** Where each state since the last progress step was last seen (livelock questions only). */
    const seen = new Map<string, number>()
    if (livelock) seen.set(stateKey(s), 0)
    for (;;) {
      const en = enabledThreads(p, s)
      const hit = outcomesAt(p, s, en).find((o) => bad.has(o))
      if (hit !== undefined)
        return { outcome: hit, schedule: formatSchedule(path), steps: path.length, walks }
      enabled.push(en)
      if (livelock && path.length > 0) {
        const key = stateKey(s)
        const from = seen.get(key)
        if (from !== undefined && isFairStretch(p, enabled.slice(from), path.slice(from)))
          return { outcome: livelock.id, schedule: formatSchedule(path), steps: path.length, walks }
        // The latest visit, as replay judges a run's return: the schedule replays into the cycle.
        seen.set(key, path.length)
      }
      if (en.length === 0 || path.length >= maxDepth || spent >= opts.maxSteps) break
      const t = en[next(en.length)] as string
      try {
        const r = runStep(p, s, t, false)
        s = r.state
        // A stretch with a progress step in it is no livelock: start looking again from here.
        if (livelock && r.record.kind === 'run' && isProgress(t, r.record.stepId)) seen.clear()
      } catch (e) {
        // A scenario bug on this walk: the exhaustive search reports it with its schedule.
        if (e instanceof StepError) break
        throw e
      }
      path.push(t)
      spent++
    }
    // From a state where nothing can move, every walk is this one.
    if (path.length === 0) break
  }
  return null
}
