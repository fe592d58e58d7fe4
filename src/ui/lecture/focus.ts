import type { Effect } from '../../engine'
import type { Session } from '../../state/session'

/**
 * What lecture mode shows first: the state objects (`folios:P0`, `locks:pmd_ptl`, `tables:T0`,
 * `pmds:mm:0x200000`…) that the current step touches and that the race's key steps touch. A
 * projector cannot show every object of a large race in large type, so the rest is folded
 * into a summary. Any state component (the cards, or a picture) can take this set.
 */
export interface StateFocus {
  /** Objects to show, as `<map>:<id>`. */
  readonly keys: ReadonlySet<string>
  /** Whether every object is shown anyway (the lecturer expanded the summary). */
  readonly all: boolean
}

/** The object an effect names: `folios:P0.refcount` → `folios:P0`; a lock → `locks:<name>`. */
export function objectOf(e: Effect): string | null {
  switch (e.kind) {
    case 'read':
    case 'write': {
      const dot = e.path.indexOf('.')
      return dot < 0 ? e.path : e.path.slice(0, dot)
    }
    case 'lock':
    case 'unlock':
      return `locks:${e.lock}`
    default:
      return null
  }
}

const cache = new WeakMap<Session, ReadonlySet<string>>()

/** The objects the race's key steps touch (computed once per session). */
function raceObjects(session: Session): ReadonlySet<string> {
  const hit = cache.get(session)
  if (hit) return hit
  const ids = new Set(session.scenario.race.flatMap((r) => [r.first, r.second]))
  const out = new Set<string>()
  for (const rec of session.replay.records)
    if (ids.has(rec.stepId))
      for (const e of rec.effects) {
        const o = objectOf(e)
        if (o) out.add(o)
      }
  cache.set(session, out)
  return out
}

/** The objects to show at `position`: the last step's, then the race's key steps'. */
export function focusOf(session: Session, position: number): ReadonlySet<string> {
  const out = new Set(raceObjects(session))
  for (const e of session.replay.records[position - 1]?.effects ?? []) {
    const o = objectOf(e)
    if (o) out.add(o)
  }
  // A folio's PG_locked is drawn on the folio's card: touching the lock shows the folio.
  for (const k of [...out])
    if (k.startsWith('locks:PG_locked:')) out.add(`folios:${k.slice('locks:PG_locked:'.length)}`)
  return out
}
