import { allOutcomes, isLivelock } from '../interp/outcomes'
import { runStep, StepError } from '../interp/step'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { canonicalForm } from './canonical'
import { countInterleavings } from './count'
import type { ExploreOptions, ExploreResult } from './exploreTypes'
import { GraphBuilder, type Graph } from './graph'
import { findLiftedFairCycle } from './liftedLivelock'
import { findFairCycle } from './livelock'
import { liveness } from './liveness'
import { ampleThread } from './reduce'
import { RowJudge } from './rowJudge'
import { Hits } from './hits'
import { type FoundCycle, OTHER_WITNESSES, outcomeReports, showCount } from './report'
import { StateTable } from './stateTable'
import { fewestSwitches } from './switches'
import { symmetryOf } from './symmetry'
import { TransitionCache } from './transitions'
import { reframe, SearchTree } from './tree'

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
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES
  const started = opts.now?.() ?? 0
  const letters = p.threads.map((t) => t.letter)
  const table = new StateTable()
  const sym = opts.symmetry === false ? null : symmetryOf(p)
  const tree = new SearchTree(sym)
  const wantsLivelock = p.scenario.outcomes.some(isLivelock)
  const reduce = opts.reduce === true && !wantsLivelock
  // The edges serve livelock, counting and the fewest-switch schedules; with the partial-order
  // reduction there is no livelock question and no count, and its graph keeps only some orders
  // (so its fewest switches would not be the fewest): nothing reads them, so none are kept.
  const graph = reduce ? null : new GraphBuilder(letters.length, sym !== null)
  const errors: { schedule: string; message: string }[] = []
  const outcomeIds = allOutcomes(p)
    .filter((o) => !isLivelock(o))
    .map((o) => o.id)
  const badIds = allOutcomes(p)
    .filter((o) => !isLivelock(o) && o.severity === 'bad')
    .map((o) => o.id)
  /** Per outcome, the states where it holds, in BFS order (the first is the nearest). */
  const hits = new Hits(outcomeIds.length, OTHER_WITNESSES + 1)
  const ample = reduce ? ampleThread(p, opts.reduceRule) : null
  let transitions = 0
  let terminalStates = 0
  let incompleteReason: string | null = null

  const steps = new TransitionCache(p, table)
  const pathTo = (id: number): { letters: string[]; frame: number } => {
    const r = tree.path(id)
    return { letters: r.threads.map((t) => letters[t] as string), frame: r.frame }
  }
  /** Explore one step of thread `ti` from state `from`: the successor's id, or -1 if the step failed. */
  const expand = (from: number, ti: number): number => {
    const t = letters[ti] as string
    try {
      const next = steps.step(from, t, ti)
      const g = sym ? table.lastPerm : 0
      const to = tree.add(next, from, ti, g)
      transitions++
      graph?.edge(to, ti, steps.lastProgress, g)
      return to
    } catch (e) {
      if (!(e instanceof StepError)) throw e
      if (errors.length < 10) {
        const at = pathTo(from)
        const real = letters[sym ? (sym.perms[at.frame]?.to[ti] as number) : ti] as string
        const message = at.frame === 0 ? e.message : realError(p, at.letters, real, e.message)
        errors.push({ schedule: formatSchedule([...at.letters, real]), message })
      }
      return -1
    }
  }

  const root = table.internRoot(p.initial)
  const judge = new RowJudge(p, table)
  const enabled = judge.enabledBuf
  tree.add(root, -1, -1, 0)
  // The canonical form is chosen among rows the table builds from the root's layout.
  if (sym) table.useCanonicalForm(canonicalForm(table, sym))
  for (let i = 0; i < table.size; i++) {
    if (table.size > maxStates) {
      incompleteReason = `incomplete after ${String(maxStates)} states (state budget)`
      break
    }
    // The clock is read every 256 states: reading it costs about what judging a state does.
    if (
      (i & 255) === 0 &&
      opts.maxMillis !== undefined &&
      opts.now &&
      opts.now() - started > opts.maxMillis
    ) {
      incompleteReason = `incomplete after ${String(table.size)} states (time budget ${String(opts.maxMillis)} ms)`
      break
    }
    graph?.open(i)
    const count = judge.enabledInto(i, enabled)
    const held = judge.outcomesInto(i, count === 0)
    for (let h = 0; h < held; h++) {
      const k = judge.hits[h] as number
      const o = outcomeIds[k] as string
      if (hits.count(k) === 0 && opts.onReach) {
        const path = pathTo(i).letters
        opts.onReach({
          outcome: o,
          schedule: formatSchedule(path),
          steps: path.length,
          states: table.size,
        })
      }
      hits.add(i, k)
    }
    if (count === 0) terminalStates++
    // Ample set {t} (reduce.ts): a step independent of every step the other threads may still
    // take, and no outcome can see it. Cycle proviso, by the search order: expand every thread
    // unless the reduced step leads deeper than this state. Depths cannot rise all the way round
    // a cycle, so every cycle keeps a fully expanded state and no thread is ignored around it.
    const solo =
      ample && count > 1
        ? ample(
            table.state(i),
            Array.from(enabled.subarray(0, count), (k) => letters[k] as string)
          )
        : undefined
    const soloIndex = solo === undefined ? -1 : letters.indexOf(solo)
    if (soloIndex >= 0) {
      const to = expand(i, soloIndex)
      if (to >= 0 && tree.depth(to) > tree.depth(i)) continue
    }
    for (let e = 0; e < count; e++) if (enabled[e] !== soloIndex) expand(i, enabled[e] as number)
    if (opts.onProgress && i % (opts.progressEvery ?? 10_000) === 0)
      opts.onProgress({ states: table.size, transitions })
  }

  const complete = incompleteReason === null
  opts.onSearched?.({ states: table.size, complete })
  const g = graph?.finish(table.size) ?? null
  const fair = g && wantsLivelock && complete ? fairCycle(g) : null
  if (g && wantsLivelock && complete) opts.onAnalysed?.('livelock')
  // Every path of the reduced graph is one real schedule and back (tree.ts), so counting paths
  // there counts real interleavings; the partial-order reduction drops paths, so it does not count.
  const counts =
    g && complete
      ? countInterleavings(
          g,
          [...outcomeIds.map((_, k) => [k]), badIds.map((id) => outcomeIds.indexOf(id))].map((ks) => ({
            held: ks.some((k) => hits.count(k) > 0),
            make: () => hits.indicator(table.size, ks),
          }))
        )
      : null
  if (counts) opts.onAnalysed?.('counts')
  // Only bad outcomes get a fewest-switch schedule: a set where nothing breaks pays nothing.
  const anyHit = badIds.some((id) => hits.count(outcomeIds.indexOf(id)) > 0) || fair !== null
  const switches = g && anyHit ? fewestSwitches(g, sym) : null
  if (switches) opts.onAnalysed?.('switches')
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
    states: table.size,
    transitions,
    terminalStates,
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
      const f = findFairCycle(g)
      return (
        f && { entry: f.entry, cycleIn: () => name(f.cycle), alwaysEnabledIn: () => name(f.alwaysEnabled) }
      )
    }
    const f = findLiftedFairCycle(g, sym)
    return (
      f && {
        entry: f.entry,
        cycleIn: (frame) => name(reframe(sym, f.cycle, f.frame, frame)),
        alwaysEnabledIn: (frame) => name(reframe(sym, f.alwaysEnabled, f.frame, frame)),
      }
    )
  }
}
