import { parseSchedule, type ScenarioFile } from '../engine'
import type { Link } from '../share/link'
import { sessionOf } from './session'
import { useView, type ViewState } from './store'

/**
 * The diff view's second interleaving: opened from a toggle ("compare with the fix on"), from
 * the reported run, or from two of the explorer's schedules, and carried in the link as
 * `vs=` / `vswith=` (CONVENTIONS.md).
 */
const get = () => useView.getState()
const set = useView.setState

/** The second run a link asks for; toggles this scenario does not know are left out. */
export function vsOf(sc: ScenarioFile, link: Link): ViewState['vs'] {
  const known = new Set(sc.toggles.map((t) => t.id))
  return {
    schedule: link.vs === undefined ? null : parseSchedule(link.vs),
    toggles: link.vswith === undefined ? null : link.vswith.filter((t) => known.has(t.replace(/^-/, ''))),
  }
}

/** Compare the current run with the same order, toggle `id` flipped. */
export function compareToggle(id: string): void {
  const v = get()
  const s = sessionOf(v)
  const def = s?.scenario.toggles.find((t) => t.id === id)
  if (!s || !def) return
  const on = s.program.toggles.includes(id)
  const others = v.toggles.filter((t) => t.replace(/^-/, '') !== id)
  const wantOn = !on
  set({
    vs: { schedule: null, toggles: wantOn === def.default ? others : [...others, wantOn ? id : `-${id}`] },
  })
}

/** Compare the current run with the interleaving the report describes. */
export function compareReported(): void {
  const s = sessionOf(get())
  if (!s) return
  set({
    vs: { schedule: parseSchedule(s.scenario.reported.schedule), toggles: s.scenario.reported.with },
  })
}

/** Show two schedules side by side: the first in the timeline, the second beside it. */
export function compareTwo(first: string, second: string): void {
  set({
    schedule: parseSchedule(first),
    compareTo: null,
    compareSchedule: null,
    selected: null,
    playing: false,
    vs: { schedule: parseSchedule(second), toggles: null },
  })
  const s = sessionOf(get())
  set({ position: s?.executed ?? 0 })
}

export function closeDiff(): void {
  set({ vs: null })
}

/** After a toggle or a reorder: the run before it, beside the run now. */
export function compareBefore(): void {
  const v = get()
  if (v.compareTo === null && v.compareSchedule === null) return
  set({ vs: { schedule: v.compareSchedule, toggles: v.compareTo } })
}
