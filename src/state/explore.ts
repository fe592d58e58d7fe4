import { create } from 'zustand'

import type { ExploreResult } from '../engine'
import { cancelExplore, prepareExplore as prepare, startExplore } from '../worker/exploreClient'
import { session } from './actions'
import { useView } from './store'
import { userRevision } from './userScenarios'

/** The Explore panel's state: results of "any interleaving?" for one scenario and toggle set. */
export interface ExploreState {
  readonly status: 'idle' | 'running' | 'done' | 'cancelled' | 'error'
  /** scenario|toggles the result belongs to: stale results are never shown as current. */
  readonly key: string
  readonly progress: {
    readonly states: number
    readonly transitions: number
    readonly elapsed: number
    readonly walkMs: number
  } | null
  /** Outcomes met so far in the running check, in the order met, with a shortest schedule. */
  readonly reached: readonly {
    readonly outcome: string
    readonly schedule: string
    readonly steps: number
    readonly shortest: boolean
    readonly elapsed: number
  }[]
  /** Set when the running check has visited every state, before its counts are ready. */
  readonly searched: { readonly states: number; readonly complete: boolean; readonly elapsed: number } | null
  readonly result: ExploreResult | null
  readonly elapsed: number
  /** Of `elapsed`, the quick walks' share. */
  readonly walkMs: number
  readonly error: string | null
  readonly maxStates: number
  /** Once asked, the check re-runs by itself whenever a fix is toggled. */
  readonly auto: boolean
}

/** What one check found: cleared when a check starts or the scenario is left. */
const NO_RUN = {
  progress: null,
  reached: [],
  searched: null,
  result: null,
  error: null,
} as const satisfies Partial<ExploreState>

export const useExplore = create<ExploreState>()(() => ({
  ...NO_RUN,
  status: 'idle',
  key: '',
  elapsed: 0,
  walkMs: 0,
  maxStates: 2_000_000,
  auto: false,
}))

export function exploreKey(): string {
  const v = useView.getState()
  return `${v.scenarioId ?? ''}#${String(userRevision())}|${session()?.program.toggles.join(',') ?? ''}`
}

export function runExplore(): void {
  const s = session()
  if (!s) return
  const key = exploreKey()
  useExplore.setState({
    status: 'running',
    ...NO_RUN,
    key,
    auto: true,
  })
  startExplore(
    { scenario: s.scenario, toggles: useView.getState().toggles, maxStates: useExplore.getState().maxStates },
    (m) => {
      if (useExplore.getState().key !== key) return
      if (m.type === 'progress') useExplore.setState({ progress: m })
      else if (m.type === 'reach') useExplore.setState((x) => ({ reached: [...x.reached, m] }))
      else if (m.type === 'searched') useExplore.setState({ searched: m })
      else if (m.type === 'done')
        useExplore.setState({ status: 'done', result: m.result, elapsed: m.elapsed, walkMs: m.walkMs })
      else useExplore.setState({ status: 'error', error: m.message })
    }
  )
}

/** Get a warm explorer ready for this scenario, so the first check answers sooner. */
export function prepareExplore(): void {
  const s = session()
  if (s) prepare({ scenario: s.scenario, toggles: useView.getState().toggles })
}

export function cancelRun(): void {
  cancelExplore()
  prepareExplore()
  useExplore.setState({ status: 'cancelled' })
}

export function setBudget(maxStates: number): void {
  useExplore.setState({ maxStates })
}

/** Leaving a scenario stops its check and forgets it. */
export function resetExplore(): void {
  cancelExplore()
  useExplore.setState({ ...NO_RUN, status: 'idle', key: '', auto: false })
}
