import { formatSchedule, parseSchedule, ScheduleSyntaxError } from '../engine'

/** What a link says: everything needed to reproduce a view exactly. */
export interface Link {
  readonly scenario: string
  /** Toggle requests as the CLI takes them: `id` switches on, `-id` off a default-on toggle. */
  readonly with: readonly string[]
  /** The schedule in canonical run-length form (`B3A14B5`). */
  readonly schedule: string
  /** How many steps of the schedule are shown as executed; null means all of them. */
  readonly at: number | null
  /** The scenario version the link was made with, if it says. */
  readonly version: number | null
  /** `view=lecture` / `view=embed`: how the view opens (absent: the normal page). */
  readonly view?: LinkView
  /** `vs=`: a second interleaving of the same race for the diff view (canonical schedule). */
  readonly vs?: string
  /** `vswith=`: the second interleaving's toggle requests. */
  readonly vswith?: readonly string[]
  /** `src=`: the scenario itself, deflate-raw + base64url (decoded by the scenario loader). */
  readonly src?: string
  /** What the parser ignored and the page should say (unknown or repeated parts). */
  readonly notes?: readonly string[]
}

export type LinkView = 'lecture' | 'embed'
const VIEWS: readonly string[] = ['lecture', 'embed']
const KNOWN = ['with', 's', 'at', 'v', 'view', 'vs', 'vswith', 'src']
/** At most this many notes (the last one says how many more parts were ignored). */
const MAX_NOTES = 4
/** A `src=` payload longer than this is refused before anything decodes it. */
export const MAX_SRC_CHARS = 200_000

export type LinkResult =
  { readonly ok: true; readonly link: Link } | { readonly ok: false; readonly error: string }

const ID = /^[a-z0-9][a-z0-9-]{0,63}$/
/** Every step of a link is replayed when it opens: far beyond any real race, refuse it. */
export const MAX_LINK_STEPS = 5000
const TOGGLE = /^-?[a-z0-9][a-z0-9-]{0,63}$/

/**
 * Parse a location hash. An empty hash (or `#/`) is no link at all: `null`.
 * @example parseLink('#/gup-fast-vs-thp-collapse?s=B3A14&at=4')
 */
export function parseLink(hash: string): LinkResult | null {
  const h = hash.startsWith('#') ? hash.slice(1) : hash
  if (h === '' || h === '/') return null
  if (!h.startsWith('/')) return { ok: false, error: 'The link does not start with #/<scenario>.' }
  const q = h.indexOf('?')
  const scenario = safeDecode(q < 0 ? h.slice(1) : h.slice(1, q))
  if (scenario === null)
    return { ok: false, error: 'The scenario part of the link is not valid percent-encoding.' }
  if (!ID.test(scenario)) return { ok: false, error: `"${scenario.slice(0, 64)}" is not a scenario id.` }
  let params: URLSearchParams
  try {
    params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1))
  } catch {
    return { ok: false, error: 'The parameters of the link are not valid percent-encoding.' }
  }
  const notes: string[] = []
  const seen = new Set<string>()
  for (const key of params.keys()) {
    if (!KNOWN.includes(key)) {
      notes.push(`The link's part "${clip(key, 32)}" is not one this version knows; it was ignored.`)
      continue
    }
    if (seen.has(key)) notes.push(`The link gives "${key}" more than once; the first was used.`)
    seen.add(key)
  }
  const withList = toggleList(params.get('with'))
  if (typeof withList === 'string') return { ok: false, error: withList }
  const schedule = scheduleOf(params.get('s'), 'The schedule in the link')
  if (!schedule.ok) return schedule
  const at = number(params.get('at'))
  if (at === undefined) return { ok: false, error: 'The position ("at") in the link is not a whole number.' }
  const version = number(params.get('v'))
  if (version === undefined)
    return { ok: false, error: 'The scenario version ("v") in the link is not a whole number.' }
  const link: { -readonly [K in keyof Link]: Link[K] } = {
    scenario,
    with: withList,
    schedule: schedule.schedule,
    at,
    version,
  }
  const view = params.get('view')
  if (view !== null) {
    if (VIEWS.includes(view)) link.view = view as LinkView
    else notes.push(`The link's view "${clip(view, 32)}" is not one this version knows; it was ignored.`)
  }
  const vs = params.get('vs')
  if (vs !== null) {
    const r = scheduleOf(vs, 'The second schedule ("vs") in the link')
    if (!r.ok) return r
    link.vs = r.schedule
  }
  const vswith = params.get('vswith')
  if (vswith !== null) {
    const r = toggleList(vswith)
    if (typeof r === 'string') return { ok: false, error: r }
    link.vswith = r
  }
  const src = params.get('src')
  if (src !== null) {
    if (src.length > MAX_SRC_CHARS)
      return {
        ok: false,
        error: `The scenario in the link is ${String(src.length)} characters long; links carry at most ${String(MAX_SRC_CHARS)}.`,
      }
    if (!/^[A-Za-z0-9_-]*$/.test(src))
      return { ok: false, error: 'The scenario in the link ("src") is not base64url.' }
    link.src = src
  }
  // A link of ten thousand unknown parts is a handful of notices, not ten thousand.
  if (notes.length > MAX_NOTES)
    notes.splice(
      MAX_NOTES - 1,
      notes.length,
      `${String(notes.length - MAX_NOTES + 1)} more parts of the link were ignored.`
    )
  if (notes.length > 0) link.notes = notes
  return { ok: true, link }
}

function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s
}

function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s)
  } catch {
    return null
  }
}

function toggleList(s: string | null): readonly string[] | string {
  const list = (s ?? '').split(',').filter((x) => x !== '')
  const bad = list.find((t) => !TOGGLE.test(t))
  return bad === undefined ? list : `"${clip(bad, 64)}" is not a toggle id.`
}

function scheduleOf(
  s: string | null,
  what: string
): { readonly ok: true; readonly schedule: string } | { readonly ok: false; readonly error: string } {
  try {
    const steps = parseSchedule(s ?? '')
    if (steps.length > MAX_LINK_STEPS)
      return {
        ok: false,
        error: `${what} has ${String(steps.length)} steps; links hold at most ${String(MAX_LINK_STEPS)}.`,
      }
    return { ok: true, schedule: formatSchedule(steps) }
  } catch (e) {
    if (e instanceof ScheduleSyntaxError) return { ok: false, error: `${what} is malformed: ${e.message}.` }
    throw e
  }
}

function number(s: string | null): number | null | undefined {
  if (s === null) return null
  return /^\d{1,6}$/.test(s) ? Number(s) : undefined
}

/** The hash for a view; `parseLink(formatLink(l))` gives `l` back. */
export function formatLink(l: Link): string {
  const parts: string[] = []
  if (l.with.length > 0) parts.push(`with=${l.with.join(',')}`)
  if (l.schedule !== '') parts.push(`s=${l.schedule}`)
  if (l.at !== null) parts.push(`at=${String(l.at)}`)
  if (l.version !== null) parts.push(`v=${String(l.version)}`)
  if (l.view !== undefined) parts.push(`view=${l.view}`)
  if (l.vs !== undefined) parts.push(`vs=${l.vs}`)
  if (l.vswith !== undefined) parts.push(`vswith=${l.vswith.join(',')}`)
  if (l.src !== undefined) parts.push(`src=${l.src}`)
  return `#/${l.scenario}${parts.length > 0 ? `?${parts.join('&')}` : ''}`
}
