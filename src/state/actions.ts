import { formatSchedule, parseSchedule, resolveToggles, ScenarioError, whyNotRunnable } from '../engine'
import { findScenario } from '../app/scenarios'
import type { Link } from '../share/link'
import { sessionOf } from './session'
import { initialView, useView, type Notice } from './store'

/**
 * Every user intent, as a plain function over the store. Buttons, keyboard commands, the URL
 * sync and tests all call these.
 */
const get = () => useView.getState()
const set = useView.setState
let noticeId = 0

export function notify(kind: Notice['kind'], text: string): void {
  set((s) => ({
    notices: [...s.notices.filter((n) => n.text !== text), { id: ++noticeId, kind, text }].slice(-4),
  }))
}

export function dismiss(id: number): void {
  set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
}

export function session() {
  return sessionOf(get())
}

/** Open a race at its reported interleaving, at the start, as a lecturer would. */
export function openScenario(id: string): void {
  const sc = findScenario(id)
  if (!sc) return
  enter(id, sc.reported.with, parseSchedule(sc.reported.schedule))
}

/** A fresh view of one race at step 0; lecture mode and play speed are the viewer's, and stay. */
function enter(scenarioId: string, toggles: readonly string[], schedule: readonly string[]): void {
  set({
    ...initialView,
    lecture: get().lecture,
    speed: get().speed,
    scenarioId,
    toggles,
    schedule,
    position: 0,
  })
}

export function goHome(): void {
  set({ ...initialView, notices: get().notices, lecture: get().lecture })
}

/**
 * Open exactly what a link describes. Whatever no longer matches (an unknown toggle, a newer
 * scenario version, steps that cannot run any more) is kept as far as possible and said plainly.
 */
export function openLink(link: Link): void {
  const sc = findScenario(link.scenario)
  if (!sc) {
    goHome()
    notify(
      'error',
      `The link names a scenario "${link.scenario}" that this version of Interleave does not have.`
    )
    return
  }
  const known = new Set(sc.toggles.map((t) => t.id))
  const dropped = link.with.filter((t) => !known.has(t.replace(/^-/, '')))
  let toggles = link.with.filter((t) => known.has(t.replace(/^-/, '')))
  try {
    resolveToggles(sc, toggles)
  } catch (e) {
    notify(
      'error',
      `The link's toggles cannot be combined (${e instanceof ScenarioError ? e.problem : String(e)}); they were switched off.`
    )
    toggles = []
  }
  // A bare `#/<race>` (no schedule) opens the reported interleaving at its start.
  const bare = link.schedule === ''
  if (bare && link.with.length === 0) toggles = [...sc.reported.with]
  const schedule = parseSchedule(bare ? sc.reported.schedule : link.schedule)
  enter(sc.id, toggles, schedule)
  if (link.view === 'lecture') set({ lecture: true })
  const s = session()
  const executed = s?.executed ?? 0
  const wanted = link.at ?? (bare ? 0 : executed)
  set({ position: Math.min(wanted, executed) })
  const problems: string[] = []
  if (link.version !== null && link.version !== sc.version)
    problems.push(
      `it was made for version ${String(link.version)} of this scenario, which is now version ${String(sc.version)}`
    )
  if (dropped.length > 0)
    problems.push(
      `its toggle${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} no longer exist${dropped.length > 1 ? '' : 's'} and ${dropped.length > 1 ? 'were' : 'was'} ignored`
    )
  if (s?.replay.error)
    problems.push(
      `it replays only ${String(executed)} of its ${String(schedule.length)} steps (${s.replay.error.message})`
    )
  else if (wanted > executed)
    problems.push(`its position ${String(wanted)} is past the end (${String(executed)} steps)`)
  if (problems.length > 0) notify('error', `This link no longer matches exactly: ${problems.join('; ')}.`)
}

export function setPosition(n: number): void {
  const s = session()
  if (!s) return
  set({ position: Math.max(0, Math.min(n, s.executed)) })
}

export const stepForward = () => setPosition(get().position + 1)
export const stepBack = () => setPosition(get().position - 1)
export const toStart = () => setPosition(0)
export const toEnd = () => setPosition(Number.MAX_SAFE_INTEGER)

/** Run thread `t` next: the interleaving continues from here with that CPU (later steps are dropped). */
export function runThread(t: string): boolean {
  const s = session()
  const v = get()
  if (!s) return false
  const state = s.replay.states[v.position]
  if (!state) return false
  const why = whyNotRunnable(s.program, state, t)
  if (why !== null) {
    notify('info', `${why}.`)
    return false
  }
  set({
    schedule: [...v.schedule.slice(0, v.position), t],
    position: v.position + 1,
    compareTo: null,
    selected: null,
  })
  return true
}

export function toggle(id: string): void {
  const v = get()
  const s = session()
  if (!s) return
  const def = s.scenario.toggles.find((t) => t.id === id)
  if (!def) return
  const on = new Set(s.program.toggles)
  const wantOn = !on.has(id)
  // Express the request relative to the scenario's defaults, as links and the CLI do.
  const others = v.toggles.filter((t) => t.replace(/^-/, '') !== id)
  const next = wantOn === def.default ? others : [...others, wantOn ? id : `-${id}`]
  try {
    resolveToggles(s.scenario, next)
  } catch (e) {
    notify('info', e instanceof ScenarioError ? `${e.problem}.` : String(e))
    return
  }
  set({ toggles: next, compareTo: v.toggles, playing: false })
  const after = session()
  if (after) set({ position: Math.min(v.position, after.executed) })
}

/**
 * Move the step at `from` to index `to` of the schedule. A thread's own steps keep their order,
 * and a move that makes the interleaving impossible is refused with the reason.
 */
export function moveStep(from: number, to: number): boolean {
  const v = get()
  const s = session()
  if (!s || from === to || from < 0 || from >= v.schedule.length) return false
  const letter = v.schedule[from] ?? ''
  const lo = v.schedule.lastIndexOf(letter, from - 1) + 1
  let hi = v.schedule.indexOf(letter, from + 1)
  if (hi < 0) hi = v.schedule.length
  const target = Math.max(0, Math.min(to, v.schedule.length - 1))
  if (target < lo || target > hi - 1) {
    notify(
      'info',
      `${letter}'s steps keep their order: this step cannot move past another step of ${letter}.`
    )
    return false
  }
  const next = [...v.schedule]
  next.splice(from, 1)
  next.splice(target, 0, letter)
  const trial = sessionOf({ ...v, schedule: next, compareTo: null })
  const oldError = s.replay.error?.position ?? Number.POSITIVE_INFINITY
  const err = trial?.replay.error
  if (!trial || (err && err.position < oldError)) {
    notify('info', `That order is impossible: ${err?.message ?? 'the interleaving cannot run'}.`)
    return false
  }
  set({
    schedule: next,
    selected: target,
    position: Math.max(v.position, Math.min(Math.max(from, target) + 1, trial.executed)),
    compareTo: null,
  })
  return true
}

export function select(i: number | null): void {
  set({ selected: i })
}

export function moveSelected(delta: number): void {
  const i = get().selected
  if (i !== null) moveStep(i, i + delta)
}

export function setPlaying(on: boolean): void {
  const s = session()
  if (on && s && get().position >= s.executed) set({ position: 0 })
  set({ playing: on })
}

export const togglePlay = () => setPlaying(!get().playing)
export const setSpeed = (speed: number) => set({ speed })
export const toggleLecture = () => set((s) => ({ lecture: !s.lecture }))
export const toggleHelp = () => set((s) => ({ help: !s.help }))
export const closeHelp = () => set({ help: false })

/** The current view as a link. */
export function currentLink(): Link | null {
  const v = get()
  const s = session()
  if (v.scenarioId === null || !s) return null
  return {
    scenario: v.scenarioId,
    with: v.toggles,
    schedule: formatSchedule(v.schedule),
    at: v.position,
    version: s.scenario.version,
    ...(v.lecture ? { view: 'lecture' as const } : {}),
  }
}

/** Load a schedule found by the explorer into the timeline, shown at its end. */
export function loadSchedule(text: string): void {
  set({ schedule: parseSchedule(text), compareTo: null, selected: null, playing: false })
  const s = session()
  set({ position: s?.executed ?? 0 })
}
