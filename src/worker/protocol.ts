import type { ExploreResult, ScenarioFile } from '../engine'

/** What the page asks the explorer worker, and what it answers. */
export interface ExploreRequest {
  readonly scenario: ScenarioFile
  readonly toggles: readonly string[]
  readonly maxStates: number
  /** A run only to get the engine's code optimised before a real check: it answers nothing. */
  readonly warmup?: boolean
  /** A time budget (the warm-up's); checks a person asks for have only the state budget. */
  readonly maxMillis?: number
}

export type ExploreMessage =
  | {
      readonly type: 'progress'
      readonly states: number
      readonly transitions: number
      readonly elapsed: number
      /** Of `elapsed`, the time spent on quick walks rather than the search (for its rate). */
      readonly walkMs: number
    }
  /**
   * An outcome met: by the breadth-first search, with a shortest schedule to it (`shortest`), or
   * first by the quick walks that run before it, with whatever schedule they took.
   */
  | {
      readonly type: 'reach'
      readonly outcome: string
      readonly schedule: string
      readonly steps: number
      readonly shortest: boolean
      readonly elapsed: number
    }
  /** Every state visited: outcomes not reached by now are unreachable; counting follows. */
  | {
      readonly type: 'searched'
      readonly states: number
      readonly complete: boolean
      readonly elapsed: number
    }
  | {
      readonly type: 'done'
      readonly result: ExploreResult
      readonly elapsed: number
      readonly walkMs: number
    }
  | { readonly type: 'error'; readonly message: string }
