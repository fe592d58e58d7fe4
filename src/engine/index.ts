/**
 * The engine's public surface: everything outside src/engine reaches it through this file.
 */
export type { Effect } from './model/effect'
export type {
  Entry,
  Folio,
  Letter,
  LockState,
  PteTable,
  State,
  ThreadState,
  Value,
  WaitReason,
} from './model/types'
export { formatEntry, formatPage, formatValue, hex } from './model/format'
export { own } from './model/own'
export { GUP_PIN_COUNTING_BIAS } from './model/folio'
export { parseScenario, validateScenario, ScenarioError, MAX_SCENARIO_BYTES } from './scenario/load'
export type { ScenarioFile, StepSpec, ToggleSpec, OutcomeSpec } from './scenario/schema'
/** The format's schemas and op vocabulary, for editors that complete and explain fields. */
export {
  scenarioSchema,
  stepSchema,
  threadSchema,
  toggleSchema,
  initialSchema,
  outcomeSchema,
} from './scenario/schema'
export { OPS } from './ops/registry'
export {
  buildProgram,
  resolveToggles,
  stepOf,
  type Program,
  type Step,
  type ThreadProgram,
} from './scenario/program'
export { sourceLink, identLink } from './scenario/sourceLink'
export { closesSummary, closesPerOutcome, type ClosesWord } from './scenario/closes'
export { runStep, enabledThreads, isDone, whyNotRunnable, StepError, type StepRecord } from './interp/step'
export { outcomesAt, allOutcomes, isTerminal, isLivelock, DEADLOCK, type Outcome } from './interp/outcomes'
export { parseSchedule, formatSchedule, ScheduleSyntaxError, MAX_SCHEDULE_STEPS } from './schedule/notation'
export { replay, scheduleText, type Replay, type ReplayError } from './schedule/replay'
export {
  complete,
  describeEnding,
  MAX_COMPLETION_STEPS,
  type Completed,
  type Dropped,
  type Ending,
} from './schedule/complete'
export { explore, type ExploreOptions, type ExploreResult, type OutcomeReport } from './explore/explore'
export { stateKey } from './explore/stateKey'
export { hunt, type HuntOptions, type HuntResult } from './explore/hunt'
