import type { Effect } from '../engine'

/** What the last executed step changed, by state path, so a card can highlight its own cells. */
export type Changes = ReadonlyMap<string, { before: string; after: string }>

export function changesOf(effects: readonly Effect[] | undefined): Changes {
  const m = new Map<string, { before: string; after: string }>()
  for (const e of effects ?? []) {
    if (e.kind !== 'write') continue
    const prev = m.get(e.path)
    m.set(e.path, { before: prev?.before ?? e.before, after: e.after })
  }
  return m
}

/** No change: one shared value, so a memoized card whose cells did not change can skip rendering. */
const NONE: Changes = new Map()

/** The changes under a path prefix (`folios:P0.`), keyed by the rest of the path. */
export function under(changes: Changes, prefix: string): Changes {
  let out: Map<string, { before: string; after: string }> | null = null
  const self = prefix.replace(/\.$/, '')
  for (const [k, v] of changes) {
    if (k === self) (out ??= new Map()).set('', v)
    else if (k.startsWith(prefix)) (out ??= new Map()).set(k.slice(prefix.length), v)
  }
  return out ?? NONE
}
