import { isLivelock, stateOutcomes } from '../interp/outcomes'
import { runStep, StepError } from '../interp/step'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { countInterleavings } from './count'
import type { AtPeak, ExploreOptions, ExploreResult } from './exploreTypes'
import type { Graph } from './graph'
import { findLiftedFairCycle } from './liftedLivelock'
import { findFairCycle } from './livelock'
import { liveness } from './liveness'
import { type FoundCycle, outcomeReports, showCount } from './report'
import { search } from './search'
import { fewestSwitches } from './switches'
import { symmetryOf } from './symmetry'
import { reframe } from './tree'

export type { ExploreOptions, ExploreResult, OutcomeReport } from './exploreTypes'

export const DEFAULT_MAX_STATES = 2_000_000

/**
 * Breadth-first exploration of every interleaving, de-duplicating states exactly, so the first
 * schedule found to each outcome is a shortest one. The state graph is kept for livelock
 * detection, for counting interleavings and for the fewest-switch schedules.
 *
 * With symmetry (on unless asked otherwise, and only when the program has interchangeable
 * threads) a stored state stands for its orbit: each edge remembers the permutation that made its
 * successor canonical, and every schedule reported is turned back into real thread letters
 * (explore/tree.ts `realize`).
 */
export function explore(program: Program, opts: ExploreOptions = {}): ExploreResult {
  const p: Program = opts.deadLocals === false ? program : { ...program, liveness: liveness(program) }
  const letters = p.threads.map((t) => t.letter)
  const sym = opts.symmetry === false ? null : symmetryOf(p)
  const wantsLivelock = p.scenario.outcomes.some(isLivelock)
  const reduce = opts.reduce === true && !wantsLivelock
  const outcomeIds = stateOutcomes(p).map((o) => o.id)
  /** The bad outcomes, as indices into `outcomeIds`. */
  const bad = stateOutcomes(p).flatMap((o, k) => (o.severity === 'bad' ? [k] : []))
  const s = search(p, { ...opts, maxStates: opts.maxStates ?? DEFAULT_MAX_STATES }, sym, outcomeIds, reduce)
  const { tree, hits, incompleteReason } = s
  const pathTo = (id: number): { letters: string[]; frame: number } => {
    const r = tree.path(id)
    return { letters: r.threads.map((t) => letters[t] as string), frame: r.frame }
  }
  const peak = (where: Parameters<AtPeak>[0]) => (opts.onPeak ? () => opts.onPeak?.(where) : undefined)
  const errors = s.failed.map(({ from, thread, message }) => {
    const at = pathTo(from)
    const real = letters[sym ? (sym.perms[at.frame]?.to[thread] as number) : thread] as string
    return {
      schedule: formatSchedule([...at.letters, real]),
      message: at.frame === 0 ? message : realError(p, at.letters, real, message),
    }
  })

  const complete = incompleteReason === null
  const g = s.graph
  const fair = g && wantsLivelock && complete ? fairCycle(g) : null
  // Every path of the reduced graph is one real schedule and back (tree.ts), so counting paths
  // there counts real interleavings; the partial-order reduction drops paths, so it does not count.
  const counts =
    g && complete
      ? countInterleavings(
          g,
          [...outcomeIds.map((_, k) => [k]), bad].map((ks) => ({
            held: ks.some((k) => hits.count(k) > 0),
            make: () => hits.indicator(s.states, ks),
          })),
          undefined,
          peak('counts')
        )
      : null
  // Only bad outcomes get a fewest-switch schedule: a set where nothing breaks pays nothing.
  const anyHit = bad.some((k) => hits.count(k) > 0) || fair !== null
  const switches = g && anyHit ? fewestSwitches(g, sym, peak('switches')) : null
  const outcomes = outcomeReports({
    p,
    complete,
    hits,
    outcomeIds,
    counts,
    fair,
    pathTo,
    switches,
    letters,
  })

  return {
    scenario: p.scenario.id,
    toggles: p.toggles,
    complete,
    incompleteReason,
    states: s.states,
    transitions: s.transitions,
    terminalStates: s.terminalStates,
    maxDepth: tree.maxDepth(),
    reduced: reduce,
    symmetry: sym ? sym.perms.length : 1,
    interleavings: showCount(counts?.total),
    broken: showCount(counts?.byOutcome[outcomeIds.length]),
    outcomes,
    errors,
  }

  /** The error as the real run meets it (a representative names other threads and steps). */
  function realError(p: Program, path: readonly string[], t: string, fallback: string): string {
    try {
      let st = p.initial
      for (const x of path) st = runStep(p, st, x, false).state
      runStep(p, st, t, false)
    } catch (e) {
      if (e instanceof StepError) return e.message
    }
    return fallback
  }

  /** A fair cycle without progress, with its letters as seen from any frame of its entry. */
  function fairCycle(g: Graph): FoundCycle | null {
    const name = (ts: readonly number[]) => ts.map((t) => letters[t] as string)
    if (!sym) {
      const f = findFairCycle(g, peak('livelock'))
      return (
        f && { entry: f.entry, cycleIn: () => name(f.cycle), alwaysEnabledIn: () => name(f.alwaysEnabled) }
      )
    }
    const f = findLiftedFairCycle(g, sym, peak('livelock'))
    return (
      f && {
        entry: f.entry,
        cycleIn: (frame) => name(reframe(sym, f.cycle, f.frame, frame)),
        alwaysEnabledIn: (frame) => name(reframe(sym, f.alwaysEnabled, f.frame, frame)),
      }
    )
  }
}
