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

/** The changes under a path prefix (`folios:P0.`), keyed by the rest of the path. */
export function under(changes: Changes, prefix: string): Map<string, { before: string; after: string }> {
  const out = new Map<string, { before: string; after: string }>()
  for (const [k, v] of changes) {
    if (k === prefix.replace(/\.$/, '')) out.set('', v)
    else if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v)
  }
  return out
}
