import type { Replay } from '../engine'

/** A refcount check a step made on a folio: what the checking code expected, and what it saw. */
export interface FolioCheck {
  readonly expected: string
  readonly actual: string
  readonly ok: boolean
  readonly by: string
}

/** Per replay, each folio's checks with the index of the step that made them, in run order. */
const byReplay = new WeakMap<Replay, Map<string, { at: number; check: FolioCheck }[]>>()

function checksOf(replay: Replay): Map<string, { at: number; check: FolioCheck }[]> {
  let m = byReplay.get(replay)
  if (!m) {
    m = new Map()
    for (const [at, r] of replay.records.entries())
      for (const e of r.effects)
        if (e.kind === 'check') {
          const folio = e.what.split(' ')[0] ?? ''
          const list = m.get(folio) ?? []
          list.push({ at, check: { expected: e.expected, actual: e.actual, ok: e.ok, by: r.stepId } })
          m.set(folio, list)
        }
    byReplay.set(replay, m)
  }
  return m
}

/**
 * The last check on `folio` among the first `position` steps. Indexed once per replay, so a step
 * costs a look-up, not a scan of the whole run, and an unchanged answer is the same object.
 */
export function lastCheck(replay: Replay, folio: string, position: number): FolioCheck | undefined {
  const list = checksOf(replay).get(folio)
  if (!list) return undefined
  let found: FolioCheck | undefined
  for (const c of list) {
    if (c.at >= position) break
    found = c.check
  }
  return found
}
