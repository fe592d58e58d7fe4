import type { ExploreResult, ScenarioFile } from '../engine'

/** What the page asks the explorer worker, and what it answers. */
export interface ExploreRequest {
  readonly scenario: ScenarioFile
  readonly toggles: readonly string[]
  readonly maxStates: number
}

export type ExploreMessage =
  | {
      readonly type: 'progress'
      readonly states: number
      readonly transitions: number
      readonly elapsed: number
    }
  | { readonly type: 'done'; readonly result: ExploreResult; readonly elapsed: number }
  | { readonly type: 'error'; readonly message: string }
