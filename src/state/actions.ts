import { formatSchedule, parseSchedule, resolveToggles, ScenarioError, whyNotRunnable } from '../engine'
import { findScenario } from '../app/scenarios'
import type { Link } from '../share/link'
import { stepWords } from '../diff/words'
import { adoptLinkScenario, srcFor } from './linkScenario'
import { sessionOf } from './session'
import { vsOf } from './diff'
import { versionNote } from './versionNote'
export { closeDiff, compareBefore, compareReported, compareToggle, compareTwo } from './diff'
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
    embed: get().embed,
    speed: get().speed,
    scenarioId,
    toggles,
    schedule,
    position: 0,
  })
}

export function goHome(): void {
  set({ ...initialView, notices: get().notices, lecture: get().lecture, embed: get().embed })
}

/**
 * Open exactly what a link describes. Whatever no longer matches (an unknown toggle, a newer
 * scenario version, steps that cannot run any more) is kept as far as possible and said plainly.
 */
export function openLink(link: Link): void {
  const unusable = adoptLinkScenario(link)
  if (unusable !== null) {
    goHome()
    notify('error', `This link could not be opened: ${unusable}`)
    return
  }
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
  let conflict: string | null = null
  try {
    resolveToggles(sc, toggles)
  } catch (e) {
    // Said after the view is entered: entering a view clears its notices.
    conflict = `The link's toggles cannot be combined (${e instanceof ScenarioError ? e.problem : String(e)}), so ${listed(toggles)} ${toggles.length > 1 ? 'were' : 'was'} switched off.`
    toggles = []
  }
  // A bare `#/<race>` (no schedule) opens the reported interleaving at its start.
  const isBare = link.schedule === ''
  if (isBare && link.with.length === 0) toggles = [...sc.reported.with]
  const requested = parseSchedule(isBare ? sc.reported.schedule : link.schedule)
  enter(sc.id, toggles, requested)
  if (conflict !== null) notify('error', conflict)
  if (link.view === 'lecture') set({ lecture: true })
  if (link.vs !== undefined || link.vswith !== undefined) set({ vs: vsOf(sc, link) })
  let s = session()
  const skipped = s?.replay.dropped ?? []
  // Slots that could not run change nothing: the view keeps only those that ran, so the link it
  // writes back is clean and a long impossible link costs nothing afterwards.
  if (s && skipped.length > 0) {
    set({ schedule: s.replay.executed.slice(0, s.replay.requested) })
    s = session()
  }
  const executed = s?.executed ?? 0
  // Replay stopped at the first step that cannot run: the view keeps the schedule up to that
  // step (shown as where it stops) and drops the rest, so a long impossible link cannot make the
  // page lay out thousands of steps that will never run.
  const kept = s?.replay.error ? executed + 1 : requested.length
  if (kept < requested.length) {
    set({ schedule: requested.slice(0, kept) })
    s = session()
  }
  const wanted = link.at ?? (isBare ? 0 : executed)
  set({ position: Math.min(wanted, executed) })
  const problems: string[] = []
  if (link.version !== null && link.version !== sc.version) problems.push(versionNote(sc, link.version))
  if (dropped.length > 0)
    problems.push(
      `its toggle${dropped.length > 1 ? 's' : ''} ${listed(dropped)} no longer exist${dropped.length > 1 ? '' : 's'} and ${dropped.length > 1 ? 'were' : 'was'} ignored`
    )
  if (s?.replay.error)
    problems.push(
      `it replays only ${String(s.replay.requested)} of its ${String(requested.length)} steps (${s.replay.error.message})${kept < requested.length ? `; the ${String(requested.length - kept)} steps after that one were dropped` : ''}`
    )
  else if (skipped.length > 0)
    problems.push(
      `${String(skipped.length)} of its ${String(requested.length)} steps could not run and were skipped (first: ${skipped[0]?.message ?? ''})`
    )
  else if (wanted > executed)
    problems.push(`its position ${String(wanted)} is past the end (${String(executed)} steps)`)
  if (problems.length > 0) notify('error', `This link no longer matches exactly: ${problems.join('; ')}.`)
}

/** A list for a notice: the first few items, then how many more (a link may list thousands). */
function listed(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).map((t) => (t.length > 40 ? `${t.slice(0, 40)}…` : t))
  return items.length > max ? `${shown.join(', ')} and ${String(items.length - max)} more` : shown.join(', ')
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
    schedule: [...s.replay.executed.slice(0, v.position), t],
    position: v.position + 1,
    compareTo: null,
    compareSchedule: null,
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
  set({ toggles: next, compareTo: v.toggles, compareSchedule: null, playing: false })
  const after = session()
  if (after) set({ position: Math.min(v.position, after.executed) })
}

/**
 * Move the step at `from` of the run to index `to`. A schedule says only who runs when, so the
 * edited order is replayed and completed (engine/schedule/complete.ts): where a thread's path
 * changes, its later steps are the ones the new path takes. The only refusal is a move past
 * another step of the same thread, which would break that thread's own program order.
 */
export function moveStep(from: number, to: number): boolean {
  const v = get()
  const s = session()
  const run = s?.replay.executed ?? []
  if (!s || from === to || from < 0 || from >= run.length) return false
  const letter = run[from] ?? ''
  const target = Math.max(0, Math.min(to, run.length - 1))
  const lo = Math.min(from, target)
  const hi = Math.max(from, target)
  for (let k = lo; k <= hi; k++) {
    if (k === from || run[k] !== letter) continue
    const own = s.replay.records[k]
    const moved = s.replay.records[from]
    notify(
      'info',
      `${letter} runs its steps in program order: ${moved ? stepWords(s.program, moved) : 'this step'} cannot move ${target < from ? 'before' : 'after'} ${own ? stepWords(s.program, own) : `another step of ${letter}`}.`
    )
    return false
  }
  const next = [...run]
  next.splice(from, 1)
  next.splice(target, 0, letter)
  const trial = sessionOf({ ...v, schedule: next, compareTo: null, compareSchedule: null })
  if (!trial) return false
  const dropped = trial.replay.dropped
  if (dropped.length > 0)
    notify(
      'info',
      `In the new order ${dropped.length === 1 ? 'one step' : `${String(dropped.length)} steps`} could not run where ${dropped.length === 1 ? 'it was' : 'they were'} put and ${dropped.length === 1 ? 'was' : 'were'} skipped (${dropped[0]?.message ?? ''}); each thread runs on when it can.`
    )
  set({
    schedule: trial.replay.executed,
    selected: target,
    position: Math.max(v.position, Math.min(Math.max(from, target) + 1, trial.executed)),
    compareTo: null,
    compareSchedule: run,
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
  const src = srcFor(v.scenarioId)
  return {
    scenario: v.scenarioId,
    with: v.toggles,
    schedule: formatSchedule(v.schedule),
    at: v.position,
    version: s.scenario.version,
    ...(v.embed ? { view: 'embed' as const } : v.lecture ? { view: 'lecture' as const } : {}),
    ...(src !== undefined && { src }),
    ...(v.vs?.schedule ? { vs: formatSchedule(v.vs.schedule) } : {}),
    ...(v.vs?.toggles ? { vswith: v.vs.toggles } : {}),
  }
}

/** Load a schedule found by the explorer into the timeline, shown at its end. */
export function loadSchedule(text: string): void {
  set({
    schedule: parseSchedule(text),
    compareTo: null,
    compareSchedule: null,
    selected: null,
    playing: false,
  })
  const s = session()
  set({ position: s?.executed ?? 0 })
}
