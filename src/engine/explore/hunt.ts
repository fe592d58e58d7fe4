import { allOutcomes, isFairStretch, isLivelock, outcomesAt } from '../interp/outcomes'
import { enabledThreads, StepError } from '../interp/step'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { StateTable } from './stateTable'
import { TransitionCache } from './transitions'

export interface HuntOptions {
  /** Steps to spend over all walks. */
  readonly maxSteps: number
  /** A walk longer than this starts again (runs with a retry loop can go on for ever). */
  readonly maxDepth?: number
  readonly seed?: number
  /**
   * Also look for livelock cycles, where the scenario asks about livelock (the default).
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
  const maxDepth = opts.maxDepth ?? 4 * p.threads.reduce((n, t) => n + t.steps.length, 0)
  let x = (opts.seed ?? 0x9e3779b9) | 0 || 1
  const next = (n: number): number => {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    return (x >>> 0) % n
  }
  // Walks share one table of states: a state met again is the same id, which is all the
  // livelock check needs, and a step met again is replayed from the transition cache.
  const table = new StateTable()
  const steps = new TransitionCache(p, table)
  const root = table.internRoot(p.initial)
  const index = new Map(p.threads.map((th, i) => [th.letter, i]))
  let spent = 0
  for (let walks = 1; spent < opts.maxSteps; walks++) {
    let at = root
    const path: string[] = []
    /** Threads enabled in each state of the walk. */
    const enabled: string[][] = []
    /** Where each state since the last progress step was last seen (livelock questions only). */
    const seen = new Map<number, number>()
    if (livelock) seen.set(at, 0)
    for (;;) {
      const s = table.state(at)
      const en = enabledThreads(p, s)
      const hit = outcomesAt(p, s, en).find((o) => bad.has(o))
      if (hit !== undefined)
        return { outcome: hit, schedule: formatSchedule(path), steps: path.length, walks }
      enabled.push(en)
      if (livelock && path.length > 0) {
        const from = seen.get(at)
        if (from !== undefined && isFairStretch(p, enabled.slice(from), path.slice(from)))
          return { outcome: livelock.id, schedule: formatSchedule(path), steps: path.length, walks }
        // The latest visit, as replay judges a run's return: the schedule replays into the cycle.
        seen.set(at, path.length)
      }
      if (en.length === 0 || path.length >= maxDepth || spent >= opts.maxSteps) break
      const t = en[next(en.length)] as string
      try {
        at = steps.step(at, t, index.get(t) as number)
        // A stretch with a progress step in it is no livelock: start looking again from here.
        if (livelock && steps.lastProgress) seen.clear()
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
