import { allOutcomes, isLivelock, outcomesAt } from '../interp/outcomes'
import { enabledThreads, StepError } from '../interp/step'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { countInterleavings, type Count } from './count'
import { StateTable } from './stateTable'
import { GraphBuilder } from './graph'
import { findFairCycle } from './livelock'
import { liveness } from './liveness'
import { ampleThread, type ReduceRule } from './reduce'
import { contextSwitches, fewestSwitches } from './switches'
import { TransitionCache } from './transitions'

export interface ExploreOptions {
  /** Stop with an explicit incomplete result after this many distinct states. */
  readonly maxStates?: number
  /** Wall-clock budget; needs `now`, since the engine reads no clock of its own. */
  readonly maxMillis?: number
  readonly now?: () => number
  /** Called every `progressEvery` states (for the CLI and the page's progress display). */
  readonly onProgress?: (p: { states: number; transitions: number }) => void
  readonly progressEvery?: number
  /**
   * Called the first time an outcome holds, with a shortest schedule to it (the search is
   * breadth-first), so a page can say "this breaks" before the whole graph is counted.
   */
  readonly onReach?: (r: { outcome: string; schedule: string; steps: number; states: number }) => void
  /**
   * Called when the search has visited every state (or stopped at a budget), before the graph is
   * analysed for counts and livelock: which outcomes hold somewhere is then known.
   */
  readonly onSearched?: (r: { states: number; complete: boolean }) => void
  /**
   * Partial-order reduction (reduce.ts): from a state where some thread's next step is invisible
   * and independent of every step the other threads may still take, explore that step alone. Keeps every reachable outcome; interleavings are then not
   * counted, and livelock questions always use the full graph.
   */
  readonly reduce?: boolean
  /** Which partial-order rule: footprint-based ample sets (default), or local steps only. */
  readonly reduceRule?: ReduceRule
  /**
   * Dead-variable reduction (explore/liveness.ts), on unless `false`: locals that no later step
   * or outcome reads are cleared after each step. Exact: verdicts, shortest lengths and counts
   * are those of the full graph, on fewer states.
   */
  readonly deadLocals?: boolean
}

export interface OutcomeReport {
  readonly id: string
  readonly severity: 'bad' | 'ok'
  readonly title: string
  readonly explain: string
  /** `unknown` when the exploration was cut short and did not meet it. */
  readonly reachable: boolean | 'unknown'
  /** The shortest schedule reaching it (for a livelock: the prefix, then the cycle). */
  readonly shortest: string | null
  readonly steps: number | null
  readonly cycle?: {
    readonly prefix: string
    readonly repeat: string
    readonly alwaysEnabled: readonly string[]
  }
  /** How many context switches `shortest` makes (a step by another thread than the one before). */
  readonly shortestSwitches?: number | null
  /**
   * A schedule reaching it with the fewest context switches (what people draw), with its length
   * and switch count; for a livelock, the fewest-switch prefix, then the same cycle.
   */
  readonly fewestSwitches?: {
    readonly schedule: string
    readonly steps: number
    readonly switches: number
  } | null
  /** A few other, distinct schedules reaching it, shortest first. */
  readonly others: readonly string[]
  /** How many complete interleavings reach it (decimal), `unbounded`, `too many to count`, or null when not counted. */
  readonly interleavings: string | null
}

export interface ExploreResult {
  readonly scenario: string
  readonly toggles: readonly string[]
  readonly complete: boolean
  readonly incompleteReason: string | null
  readonly states: number
  readonly transitions: number
  readonly terminalStates: number
  readonly maxDepth: number
  /** Whether the partial-order reduction was used (then interleavings are not counted). */
  readonly reduced: boolean
  /**
   * All complete interleavings (decimal), `unbounded` when a cycle allows runs of any length,
   * `too many to count` past the counting's memory bound (explore/count.ts), or null.
   */
  readonly interleavings: string | null
  /** Of those, how many reach at least one bad outcome (not counting livelock), or null. */
  readonly broken: string | null
  readonly outcomes: readonly OutcomeReport[]
  /** Scenario bugs met while exploring (a step that made the model fail), with a schedule. */
  readonly errors: readonly { readonly schedule: string; readonly message: string }[]
}

export const DEFAULT_MAX_STATES = 2_000_000
const OTHER_WITNESSES = 3
const ANY_BAD = '\u0000any-bad'

/**
 * Breadth-first exploration of every interleaving, de-duplicating states exactly, so the first
 * schedule found to each outcome is a shortest one. The state graph is kept for livelock
 * detection and for counting interleavings.
 */
export function explore(program: Program, opts: ExploreOptions = {}): ExploreResult {
  const p: Program = opts.deadLocals === false ? program : { ...program, liveness: liveness(program) }
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES
  const started = opts.now?.() ?? 0
  const letters = p.threads.map((t) => t.letter)
  const table = new StateTable()
  const parent: number[] = []
  const via: number[] = []
  const depth: number[] = []
  const graph = new GraphBuilder(letters.length)
  const errors: { schedule: string; message: string }[] = []
  const outcomeIds = allOutcomes(p)
    .filter((o) => !isLivelock(o))
    .map((o) => o.id)
  const badIds = allOutcomes(p)
    .filter((o) => !isLivelock(o) && o.severity === 'bad')
    .map((o) => o.id)
  /** Per outcome, the states where it holds, in BFS order (the first is the nearest). */
  const hitStates = new Map<string, number[]>(outcomeIds.map((id) => [id, []]))
  const wantsLivelock = p.scenario.outcomes.some(isLivelock)
  const reduce = opts.reduce === true && !wantsLivelock
  const ample = reduce ? ampleThread(p, opts.reduceRule) : null
  let transitions = 0
  let terminalStates = 0
  let incompleteReason: string | null = null

  const steps = new TransitionCache(p, table)
  const add = (id: number, from: number, t: number): number => {
    if (id < parent.length) return id
    parent.push(from)
    via.push(t)
    depth.push(from < 0 ? 0 : (depth[from] as number) + 1)
    return id
  }
  const pathTo = (id: number): string[] => {
    const out: string[] = []
    for (let v = id; v > 0; v = parent[v] as number) out.push(letters[via[v] as number] as string)
    return out.reverse()
  }
  /** Explore one step of `t` from state `from`: the successor's id, or -1 if the step failed. */
  const expand = (from: number, t: string): number => {
    const ti = letters.indexOf(t)
    try {
      const to = add(steps.step(from, t, ti), from, ti)
      transitions++
      graph.edge(to, ti, steps.lastProgress)
      return to
    } catch (e) {
      if (!(e instanceof StepError)) throw e
      if (errors.length < 10)
        errors.push({ schedule: formatSchedule([...pathTo(from), t]), message: e.message })
      return -1
    }
  }

  add(table.internRoot(p.initial), -1, -1)
  for (let i = 0; i < table.size; i++) {
    if (table.size > maxStates) {
      incompleteReason = `incomplete after ${String(maxStates)} states (state budget)`
      break
    }
    if (opts.maxMillis !== undefined && opts.now && opts.now() - started > opts.maxMillis) {
      incompleteReason = `incomplete after ${String(table.size)} states (time budget ${String(opts.maxMillis)} ms)`
      break
    }
    const s = table.state(i)
    graph.open(i)
    const enabled = enabledThreads(p, s)
    for (const o of outcomesAt(p, s, enabled)) {
      const hits = hitStates.get(o)
      if (!hits) continue
      if (hits.length === 0 && opts.onReach) {
        const path = pathTo(i)
        opts.onReach({
          outcome: o,
          schedule: formatSchedule(path),
          steps: path.length,
          states: table.size,
        })
      }
      hits.push(i)
    }
    if (enabled.length === 0) terminalStates++
    // Ample set {t} (reduce.ts): a step independent of every step the other threads may still
    // take, and no outcome can see it. Cycle proviso, by the search order: expand every thread
    // unless the reduced step leads deeper than this state. Depths cannot rise all the way round
    // a cycle, so every cycle keeps a fully expanded state and no thread is ignored around it.
    const solo = ample && enabled.length > 1 ? ample(s, enabled) : undefined
    if (solo !== undefined) {
      const to = expand(i, solo)
      if (to >= 0 && (depth[to] as number) > (depth[i] as number)) continue
    }
    for (const t of enabled) if (t !== solo) expand(i, t)
    if (opts.onProgress && i % (opts.progressEvery ?? 10_000) === 0)
      opts.onProgress({ states: table.size, transitions })
  }

  const complete = incompleteReason === null
  opts.onSearched?.({ states: table.size, complete })
  const g = graph.finish(table.size)
  const fair = wantsLivelock && complete ? findFairCycle(g) : null
  const counts =
    complete && !reduce
      ? countInterleavings(
          g,
          [...outcomeIds, ANY_BAD].map((id) => {
            const h = new Uint8Array(table.size)
            const sources = id === ANY_BAD ? badIds : [id]
            for (const o of sources) for (const v of hitStates.get(o) ?? []) h[v] = 1
            return h
          })
        )
      : null
  // Only bad outcomes get a fewest-switch schedule: a set where nothing breaks pays nothing.
  const anyHit = badIds.some((id) => (hitStates.get(id)?.length ?? 0) > 0) || fair !== null
  const sw = anyHit ? fewestSwitches(g) : null
  /** The fewest-switch schedule to the nearest (in switches) of `states`, then `tail`. */
  const simplest = (states: readonly number[], tail: readonly string[] = []) => {
    if (!sw || states.length === 0) return null
    let best = states[0] as number
    for (const v of states) if (sw.switchesTo(v) < sw.switchesTo(best)) best = v
    const path = [...sw.pathTo(best).map((t) => letters[t] as string), ...tail]
    return { schedule: formatSchedule(path), steps: path.length, switches: contextSwitches(path) }
  }
  const show = (c: Count | undefined): string | null =>
    c === undefined ? null : c === 'unbounded' ? c : c === 'too-many' ? 'too many to count' : c.toString()

  const outcomes = allOutcomes(p).map((o): OutcomeReport => {
    const base = { id: o.id, severity: o.severity, title: o.title, explain: o.explain }
    if (isLivelock(o)) {
      if (!complete)
        return { ...base, reachable: 'unknown', shortest: null, steps: null, others: [], interleavings: null }
      if (!fair)
        return { ...base, reachable: false, shortest: null, steps: null, others: [], interleavings: null }
      const prefix = pathTo(fair.entry)
      const repeat = fair.cycle.map((t) => letters[t] as string)
      return {
        ...base,
        reachable: true,
        shortest: formatSchedule([...prefix, ...repeat]),
        steps: prefix.length + repeat.length,
        shortestSwitches: contextSwitches([...prefix, ...repeat]),
        fewestSwitches: simplest([fair.entry], repeat),
        cycle: {
          prefix: formatSchedule(prefix),
          repeat: formatSchedule(repeat),
          alwaysEnabled: fair.alwaysEnabled.map((t) => letters[t] as string),
        },
        others: [],
        interleavings: null,
      }
    }
    const hit = hitStates.get(o.id) ?? []
    const count = show(counts?.byOutcome[outcomeIds.indexOf(o.id)])
    if (hit.length === 0)
      return {
        ...base,
        reachable: complete ? false : 'unknown',
        shortest: null,
        steps: null,
        others: [],
        interleavings: count,
      }
    const schedules = hit.slice(0, OTHER_WITNESSES + 1).map((v) => pathTo(v))
    const first = schedules[0] ?? []
    return {
      ...base,
      reachable: true,
      shortest: formatSchedule(first),
      steps: first.length,
      shortestSwitches: contextSwitches(first),
      fewestSwitches: o.severity === 'bad' ? simplest(hit) : null,
      others: schedules.slice(1).map(formatSchedule),
      interleavings: count,
    }
  })

  return {
    scenario: p.scenario.id,
    toggles: p.toggles,
    complete,
    incompleteReason,
    states: table.size,
    transitions,
    terminalStates,
    maxDepth: depth.reduce((a, b) => Math.max(a, b), 0),
    reduced: reduce,
    interleavings: show(counts?.total),
    broken: show(counts?.byOutcome[outcomeIds.length]),
    outcomes,
    errors,
  }
}
