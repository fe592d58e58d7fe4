import { closesPerOutcome } from '../engine'
import type { ToggleSpec } from '../engine'

const WORD = { yes: 'closes', no: 'leaves open', partly: 'closes only partly' } as const

/**
 * What a fix closes, outcome by outcome, where the scenario says so per outcome: a merged fix
 * that closes one race and leaves another reachable says both, next to its "merged" badge.
 */
export function ClosesList({ toggle, titles }: { toggle: ToggleSpec; titles: ReadonlyMap<string, string> }) {
  const rows = closesPerOutcome(toggle)
  if (rows.length === 0) return null
  return (
    <ul className="closes-per-outcome" aria-label="What this change closes on its own">
      {rows.map((r) => (
        <li key={r.outcome} className={`closes ${r.closes}`}>
          {WORD[r.closes]}: {titles.get(r.outcome) ?? r.outcome}
        </li>
      ))}
    </ul>
  )
}

/** Beside the status badge: how many of the outcomes it names a fix, on its own, leaves open. */
export function OpenCount({ toggle }: { toggle: ToggleSpec }) {
  const open = closesPerOutcome(toggle).filter((r) => r.closes !== 'yes').length
  if (open === 0) return null
  return (
    <>
      {' '}
      <span className="tag warn">
        alone, leaves {open === 1 ? 'one bad outcome' : `${String(open)} bad outcomes`} open
      </span>
    </>
  )
}
