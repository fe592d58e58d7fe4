import type { OutcomeReport } from '../engine'
import { compareTwo, loadSchedule } from '../state/actions'

/**
 * Beside the shortest schedule to an outcome, the one with the fewest context switches (what
 * people draw), loadable in one click, and both side by side in the diff view.
 */
export function Simplest({ o }: { o: OutcomeReport }) {
  const f = o.fewestSwitches
  if (!f || o.shortest === null) return null
  const shortest = o.cycle ? `${o.cycle.prefix}${o.cycle.repeat}` : o.shortest
  return (
    <>
      <button
        type="button"
        className="load"
        onClick={() => {
          loadSchedule(f.schedule)
        }}
        // Accessible names start with the visible words (WCAG 2.5.3).
        aria-label={`fewest switches (${String(f.switches)}, ${String(f.steps)} steps): load the schedule with the fewest context switches reaching ${o.title}`}
        title={f.schedule}
      >
        fewest switches ({f.switches}, {f.steps} steps)
      </button>
      <button
        type="button"
        className="load"
        onClick={() => {
          compareTwo(shortest, f.schedule)
        }}
        aria-label={`compare these two: the shortest schedule and the one with the fewest switches reaching ${o.title}`}
      >
        compare these two
      </button>
    </>
  )
}
