import { describeEnding } from '../engine'
import type { Session } from '../state/session'
import './whatif.css'

/**
 * How the run ends (every thread finished, an explicit deadlock, a livelock or a cycle), and what
 * the page did to get there: requested steps that could not run, and the steps it added to
 * complete the run (the policy of engine/schedule/complete.ts).
 */
export function RunEnding({ session, position }: { session: Session; position: number }) {
  const r = session.replay
  const added = r.records.length - r.requested
  return (
    <>
      {(r.dropped.length > 0 || added > 0) && (
        <p className="banner completed" role="status">
          {r.dropped.length > 0 && (
            <>
              {r.dropped.length === 1 ? 'One step' : `${String(r.dropped.length)} steps`} of this order could
              not run and {r.dropped.length === 1 ? 'was' : 'were'} skipped (first:{' '}
              {r.dropped[0]?.message ?? ''}).{' '}
            </>
          )}
          {added > 0 && (
            <>
              Steps {r.requested + 1}–{r.records.length} complete the run: the thread that ran last goes on
              while it can, then the lowest letter that can run.
            </>
          )}
        </p>
      )}
      {position >= r.records.length && (
        <p className={`banner ending ${r.ending.kind}`} role="status" data-ending={r.ending.kind}>
          <strong>The run ends:</strong> {describeEnding(session.program, r)}.
        </p>
      )}
    </>
  )
}
