import type { ReduceRule } from './reduce'

/** What the explorer is asked (ExploreOptions) and what it answers (ExploreResult). */
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
   * Called where the explorer holds the most memory: at the end of the search (the state table
   * still alive) and inside each analysis of the graph with all its arrays alive. `npm run bench`
   * measures live memory there for the peak; nothing else needs it.
   */
  readonly onPeak?: AtPeak
  /**
   * Partial-order reduction (reduce.ts): from a state where some thread's next step is invisible
   * and independent of every step the other threads may still take, explore that step alone.
   * Keeps every reachable outcome; interleavings are then not counted, and livelock questions
   * always use the full graph.
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
  /**
   * Symmetry reduction (explore/symmetry.ts), on unless `false`: threads with the same program
   * are interchangeable, and one state is kept per permutation of their roles. Verdicts,
   * shortest lengths and counts are the full graph's (every path of the reduced graph is one
   * real schedule); livelock is decided on the lifted components (explore/liftedLivelock.ts).
   */
  readonly symmetry?: boolean
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
   * and switch count; for a livelock, the fewest-switch prefix, then the same cycle. Null with
   * the partial-order reduction, whose graph keeps only some orders (and is not kept).
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
   * How many permutations of interchangeable threads the symmetry reduction used (1: none, so
   * `states` are real states; above 1, one state stands for up to that many).
   */
  readonly symmetry: number
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

/** Where the explorer holds the most memory (`ExploreOptions.onPeak`). */
export type AtPeak = (where: 'search' | 'livelock' | 'counts' | 'switches') => void
