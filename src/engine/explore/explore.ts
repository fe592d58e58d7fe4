import { allOutcomes, outcomesAt } from '../interp/outcomes'
import { enabledThreads, runStep, StepError } from '../interp/step'
import type { State } from '../model/types'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import { findFairCycle, type Graph } from './livelock'
import { Interner } from './interner'

export interface ExploreOptions {
  /** Stop with an explicit incomplete result after this many distinct states. */
  readonly maxStates?: number
  /** Wall-clock budget; needs `now`, since the engine reads no clock of its own. */
  readonly maxMillis?: number
  readonly now?: () => number
  /** Called every `progressEvery` states (for the CLI and the page's progress display). */
  readonly onProgress?: (p: { states: number; transitions: number }) => void
  readonly progressEvery?: number
}

export interface OutcomeReport {
  readonly id: string
  readonly severity: 'bad' | 'ok'
  readonly title: string
  readonly explain: string
  /** `unknown` only for a livelock question on an incomplete exploration. */
  readonly reachable: boolean | 'unknown'
  /** The shortest schedule reaching it (for a livelock: the prefix, then the cycle). */
  readonly shortest: string | null
  readonly steps: number | null
  readonly cycle?: {
    readonly prefix: string
    readonly repeat: string
    readonly alwaysEnabled: readonly string[]
  }
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
  readonly outcomes: readonly OutcomeReport[]
  /** Scenario bugs met while exploring (a step that made the model fail), with a schedule. */
  readonly errors: readonly { readonly schedule: string; readonly message: string }[]
}

export const DEFAULT_MAX_STATES = 2_000_000

/**
 * Breadth-first exploration of every interleaving, de-duplicating states by canonical key, so the
 * first schedule found to each outcome is a shortest one.
 */
export function explore(p: Program, opts: ExploreOptions = {}): ExploreResult {
  const maxStates = opts.maxStates ?? DEFAULT_MAX_STATES
  const started = opts.now?.() ?? 0
  const letters = p.threads.map((t) => t.letter)
  const interner = new Interner()
  const ids = new Map<string, number>()
  const states: State[] = []
  const parent: number[] = []
  const via: number[] = []
  const depth: number[] = []
  const edges: number[][] = []
  const firstHit = new Map<string, number>()
  const errors: { schedule: string; message: string }[] = []
  let transitions = 0
  let terminalStates = 0
  let incompleteReason: string | null = null

  const add = (s: State, from: number, t: number): number => {
    const key = interner.key(s)
    const known = ids.get(key)
    if (known !== undefined) return known
    const id = states.length
    ids.set(key, id)
    states.push(s)
    parent.push(from)
    via.push(t)
    depth.push(from < 0 ? 0 : (depth[from] as number) + 1)
    edges.push([])
    return id
  }
  const pathTo = (id: number): string[] => {
    const out: string[] = []
    for (let v = id; v > 0; v = parent[v] as number) out.push(letters[via[v] as number] as string)
    return out.reverse()
  }

  add(p.initial, -1, -1)
  for (let i = 0; i < states.length; i++) {
    if (states.length > maxStates) {
      incompleteReason = `incomplete after ${String(maxStates)} states (state budget)`
      break
    }
    if (opts.maxMillis !== undefined && opts.now && opts.now() - started > opts.maxMillis) {
      incompleteReason = `incomplete after ${String(states.length)} states (time budget ${String(opts.maxMillis)} ms)`
      break
    }
    const s = states[i] as State
    for (const o of outcomesAt(p, s)) if (!firstHit.has(o)) firstHit.set(o, i)
    const enabled = enabledThreads(p, s)
    if (enabled.length === 0) terminalStates++
    for (const t of enabled) {
      const ti = letters.indexOf(t)
      try {
        const r = runStep(p, s, t, false)
        const to = add(r.state, i, ti)
        transitions++
        const progress = r.record.kind === 'run' && isProgress(p, t, r.record.stepId)
        ;(edges[i] as number[]).push(to, ti, progress ? 1 : 0)
      } catch (e) {
        if (!(e instanceof StepError)) throw e
        if (errors.length < 10)
          errors.push({ schedule: formatSchedule([...pathTo(i), t]), message: e.message })
      }
    }
    if (opts.onProgress && i % (opts.progressEvery ?? 10_000) === 0)
      opts.onProgress({ states: states.length, transitions })
  }

  const wantsLivelock = p.scenario.outcomes.some((o) => 'kind' in o)
  const fair =
    wantsLivelock && incompleteReason === null
      ? findFairCycle({ size: states.length, edges, threadCount: letters.length } satisfies Graph)
      : null

  const outcomes = allOutcomes(p).map((o): OutcomeReport => {
    const base = { id: o.id, severity: o.severity, title: o.title, explain: o.explain }
    if ('kind' in o) {
      if (incompleteReason !== null) return { ...base, reachable: 'unknown', shortest: null, steps: null }
      if (!fair) return { ...base, reachable: false, shortest: null, steps: null }
      const prefix = pathTo(fair.entry)
      const repeat = fair.cycle.map((t) => letters[t] as string)
      return {
        ...base,
        reachable: true,
        shortest: formatSchedule([...prefix, ...repeat]),
        steps: prefix.length + repeat.length,
        cycle: {
          prefix: formatSchedule(prefix),
          repeat: formatSchedule(repeat),
          alwaysEnabled: fair.alwaysEnabled.map((t) => letters[t] as string),
        },
      }
    }
    const hit = firstHit.get(o.id)
    if (hit === undefined)
      return {
        ...base,
        reachable: incompleteReason === null ? false : 'unknown',
        shortest: null,
        steps: null,
      }
    const path = pathTo(hit)
    return { ...base, reachable: true, shortest: formatSchedule(path), steps: path.length }
  })

  return {
    scenario: p.scenario.id,
    toggles: p.toggles,
    complete: incompleteReason === null,
    incompleteReason,
    states: states.length,
    transitions,
    terminalStates,
    maxDepth: depth.reduce((a, b) => Math.max(a, b), 0),
    outcomes,
    errors,
  }
}

function isProgress(p: Program, t: string, stepId: string): boolean {
  const prog = p.threads.find((x) => x.letter === t)
  return prog?.steps.find((s) => s.spec.id === stepId)?.spec.progress ?? false
}
