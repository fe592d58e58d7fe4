import type { Entry, Program, State } from '../engine'
import type { ChangeMap, Check, Draft, EdgeKind, Row, SceneNode, Tone } from './types'

/** What the scene builders share: the state to draw and what they have drawn so far. */
export interface Ctx {
  readonly program: Program
  readonly state: State
  readonly changes: ChangeMap
  readonly checkOf: (folio: string) => Check | undefined
  readonly nodes: SceneNode[]
  readonly edges: Draft[]
}

export const ENTRY_EDGE: Partial<Record<Entry['k'], EdgeKind>> = {
  present: 'map',
  migration: 'migration',
  'device-private': 'device',
  invalid: 'invalid',
  huge: 'huge',
  table: 'table',
}
export const ENTRY_TONE: Partial<Record<Entry['k'], Tone>> = {
  present: 'ok',
  migration: 'warn',
  invalid: 'warn',
  none: 'muted',
  table: 'table',
  huge: 'table',
  'device-private': 'device',
  'uffd-wp': 'device',
}

export function entryTarget(e: Entry): { to: string; kind: EdgeKind } | null {
  const kind = ENTRY_EDGE[e.k]
  if (!kind) return null
  return { to: e.k === 'table' ? `table:${e.table}` : `folio:${(e as { folio: string }).folio}`, kind }
}

export const folioOfPage = (s: string) => (s.includes('#') ? s.slice(0, s.lastIndexOf('#')) : s)
export const byIndex = (a: string, b: string) => Number(a) - Number(b)

/** Keys of a record plus those the last step changed under `prefix` (a cleared slot stays, as "none"). */
export function keysWithChanged(
  rec: object,
  changes: ChangeMap,
  prefix: string,
  sort?: (a: string, b: string) => number
) {
  const keys = new Set(Object.keys(rec))
  for (const k of changes.keys()) if (k.startsWith(prefix)) keys.add(k.slice(prefix.length))
  return [...keys].sort(sort)
}

export function row(
  key: string,
  label: string,
  value: string,
  changes: ChangeMap,
  path: string | null,
  tone?: Tone
): Row {
  const c = path === null ? undefined : changes.get(path)
  return { key, label, value, ...(c ? { was: c.before } : {}), ...(tone ? { tone } : {}) }
}

export function note(key: string, value: string, tone?: Tone): Row {
  return { key, label: '', value, ...(tone ? { tone } : {}) }
}

/** Locals that a `gupGrab` saved: the pages GUP returned, per thread (`B.page`). */
