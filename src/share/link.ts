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
}

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
  const scenario = decodeURIComponent(q < 0 ? h.slice(1) : h.slice(1, q))
  if (!ID.test(scenario)) return { ok: false, error: `"${scenario.slice(0, 64)}" is not a scenario id.` }
  const params = new URLSearchParams(q < 0 ? '' : h.slice(q + 1))
  for (const key of params.keys())
    if (!['with', 's', 'at', 'v'].includes(key))
      return { ok: false, error: `The link has an unknown part "${key.slice(0, 32)}".` }
  const withList = (params.get('with') ?? '').split(',').filter((x) => x !== '')
  const bad = withList.find((t) => !TOGGLE.test(t))
  if (bad !== undefined) return { ok: false, error: `"${bad.slice(0, 64)}" is not a toggle id.` }
  let schedule: string
  try {
    const steps = parseSchedule(params.get('s') ?? '')
    if (steps.length > MAX_LINK_STEPS)
      return {
        ok: false,
        error: `The schedule in the link has ${String(steps.length)} steps; links hold at most ${String(MAX_LINK_STEPS)}.`,
      }
    schedule = formatSchedule(steps)
  } catch (e) {
    if (e instanceof ScheduleSyntaxError)
      return { ok: false, error: `The schedule in the link is malformed: ${e.message}.` }
    throw e
  }
  const at = number(params.get('at'))
  if (at === undefined) return { ok: false, error: 'The position ("at") in the link is not a whole number.' }
  const version = number(params.get('v'))
  if (version === undefined)
    return { ok: false, error: 'The scenario version ("v") in the link is not a whole number.' }
  return { ok: true, link: { scenario, with: withList, schedule, at, version } }
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
  return `#/${l.scenario}${parts.length > 0 ? `?${parts.join('&')}` : ''}`
}
