import { create } from 'zustand'

import { findScenario } from '../app/scenarios'
import { parseSchedule } from '../engine'
import { session } from './actions'
import { useView, type ViewState } from './store'

/**
 * Undo and redo of every change of the interleaving: a thread's letter, a reorder, a loaded
 * schedule, a toggle, another race. It watches the store instead of wrapping each action, so
 * whatever action changes the schedule or the toggles (now or later) is recorded: the view as it
 * was before the change is the entry. Stepping (the position alone) is not a change.
 */
export interface Snapshot {
  readonly scenarioId: string
  readonly toggles: readonly string[]
  readonly schedule: readonly string[]
  readonly position: number
}

interface HistoryState {
  readonly past: readonly Snapshot[]
  readonly future: readonly Snapshot[]
}

/** Enough for a lecture; the oldest entries go first. */
const LIMIT = 200

export const useHistory = create<HistoryState>()(() => ({ past: [], future: [] }))

let quiet = 0
/** Set by a recorded change, taken by the URL sync: that change gets its own browser history entry. */
let pushNext = false

/** Run `fn` without recording what it changes (undo/redo themselves, Back/Forward, tests). */
export function silently(fn: () => void): void {
  quiet++
  try {
    fn()
  } finally {
    quiet--
  }
}

/** Whether the next URL write should be a new history entry (pushState) rather than a replacement. */
export function takePush(): boolean {
  const p = pushNext
  pushNext = false
  return p
}

function snap(v: ViewState): Snapshot | null {
  return v.scenarioId === null
    ? null
    : { scenarioId: v.scenarioId, toggles: v.toggles, schedule: v.schedule, position: v.position }
}

const changed = (a: ViewState, b: ViewState) =>
  a.scenarioId !== b.scenarioId || a.toggles !== b.toggles || a.schedule !== b.schedule

function onChange(v: ViewState, prev: ViewState): void {
  if (quiet > 0 || !changed(v, prev) || v.scenarioId === null) return
  const before = snap(prev)
  pushNext = true
  if (!before) return
  useHistory.setState((h) => ({ past: [...h.past, before].slice(-LIMIT), future: [] }))
}

export function startHistory(): () => void {
  return useView.subscribe(onChange)
}

function restore(s: Snapshot): void {
  silently(() => {
    useView.setState({
      scenarioId: s.scenarioId,
      toggles: s.toggles,
      schedule: s.schedule,
      position: s.position,
      compareTo: null,
      selected: null,
      playing: false,
    })
  })
}

export function undo(): boolean {
  const { past, future } = useHistory.getState()
  const last = past[past.length - 1]
  const now = snap(useView.getState())
  if (!last || !now) return false
  useHistory.setState({ past: past.slice(0, -1), future: [now, ...future] })
  restore(last)
  return true
}

export function redo(): boolean {
  const { past, future } = useHistory.getState()
  const next = future[0]
  const now = snap(useView.getState())
  if (!next || !now) return false
  useHistory.setState({ past: [...past, now], future: future.slice(1) })
  restore(next)
  return true
}

export function clearHistory(): void {
  useHistory.setState({ past: [], future: [] })
  pushNext = false
}

/** Whether the view shows the race's reported interleaving with its reported toggles. */
export function isReported(v: Pick<ViewState, 'scenarioId' | 'toggles' | 'schedule'>): boolean {
  const sc = v.scenarioId === null ? undefined : findScenario(v.scenarioId)
  if (!sc) return true
  const want = parseSchedule(sc.reported.schedule)
  const sameToggles = [...v.toggles].sort().join(',') === [...sc.reported.with].sort().join(',')
  return sameToggles && want.length === v.schedule.length && want.every((t, i) => v.schedule[i] === t)
}

/** One click back to the interleaving the report describes (an undoable change like any other). */
export function backToReported(): void {
  const v = useView.getState()
  const sc = v.scenarioId === null ? undefined : findScenario(v.scenarioId)
  if (!sc || isReported(v)) return
  useView.setState({
    toggles: sc.reported.with,
    schedule: parseSchedule(sc.reported.schedule),
    compareTo: null,
    selected: null,
    playing: false,
  })
  const s = session()
  useView.setState({ position: Math.min(v.position, s?.executed ?? 0) })
}
