import { StepError } from '../interp/step'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { canonicalForm } from './canonical'
import type { ExploreOptions } from './exploreTypes'
import { GraphBuilder, type Graph } from './graph'
import { Hits } from './hits'
import { ampleThread } from './reduce'
import { OTHER_WITNESSES } from './report'
import { RowJudge } from './rowJudge'
import { MAX_ROWS } from './rows'
import { StateTable } from './stateTable'
import type { Symmetry } from './symmetry'
import { TransitionCache } from './transitions'
import { SearchTree } from './tree'

/** What the breadth-first search leaves for the analyses: no state table, no step memory. */
export interface Searched {
  readonly states: number
  readonly transitions: number
  readonly terminalStates: number
  readonly incompleteReason: string | null
  readonly tree: SearchTree
  /** Null with the partial-order reduction, whose graph nothing reads. */
  readonly graph: Graph | null
  readonly hits: Hits
  /** The first model errors met: the state and thread index where each step failed. */
  readonly failed: readonly { from: number; thread: number; message: string }[]
}

/**
 * The breadth-first search over every interleaving (explore.ts describes what it answers). It
 * owns everything only the search needs (the state table, the transition cache and its pair
 * memo, the row judge), and returns without them, so the analyses after it do not keep them.
 */
export function search(
  p: Program,
  opts: ExploreOptions,
  sym: Symmetry | null,
  outcomeIds: readonly string[],
  reduce: boolean
): Searched {
  // The row store's ids have 26 bits (rows.ts): a larger budget stops there, as a budget does
  // (less a state's successors, which are added before the budget is checked again).
  const maxStates = Math.min(opts.maxStates ?? Infinity, MAX_ROWS - 64)
  const started = opts.now?.() ?? 0
  const letters = p.threads.map((t) => t.letter)
  const table = new StateTable()
  const tree = new SearchTree(sym)
  // The edges serve livelock, counting and the fewest-switch schedules; with the partial-order
  // reduction there is no livelock question and no count, and its graph keeps only some orders
  // (so its fewest switches would not be the fewest): nothing reads them, so none are kept.
  const graph = reduce ? null : new GraphBuilder(letters.length, sym !== null)
  /** Per outcome, the states where it holds, in BFS order (the first is the nearest). */
  const hits = new Hits(outcomeIds.length, OTHER_WITNESSES + 1)
  const ample = reduce ? ampleThread(p, opts.reduceRule) : null
  const failed: { from: number; thread: number; message: string }[] = []
  let transitions = 0
  let terminalStates = 0
  let incompleteReason: string | null = null

  const steps = new TransitionCache(p, table)
  /** Explore one step of thread `ti` from state `from`: the successor's id, or -1 if the step failed. */
  const expand = (from: number, ti: number): number => {
    try {
      const next = steps.step(from, letters[ti] as string, ti)
      const g = sym ? table.lastPerm : 0
      const to = tree.add(next, from, ti, g)
      transitions++
      graph?.edge(to, ti, steps.lastProgress, g)
      return to
    } catch (e) {
      if (!(e instanceof StepError)) throw e
      if (failed.length < 10) failed.push({ from, thread: ti, message: e.message })
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
      if (hits.count(k) === 0 && opts.onReach) {
        const path = tree.path(i).threads.map((t) => letters[t] as string)
        opts.onReach({
          outcome: outcomeIds[k] as string,
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
  opts.onSearched?.({ states: table.size, complete: incompleteReason === null })
  opts.onPeak?.('search')
  return {
    states: table.size,
    transitions,
    terminalStates,
    incompleteReason,
    tree,
    graph: graph?.finish(table.size) ?? null,
    hits,
    failed,
  }
}
