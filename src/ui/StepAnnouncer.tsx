import { stepOf } from '../engine'
import type { Session } from '../state/session'

/**
 * For screen readers: each step in one short sentence ("Step 5 of 43: B ran gup_pmd_range."),
 * instead of the whole narration panel being read again.
 */
export function StepAnnouncer({ session, position }: { session: Session; position: number }) {
  const rec = session.replay.records[position - 1]
  const step = rec ? stepOf(session.program, rec.thread, rec.stepId) : undefined
  const text =
    rec && step
      ? `Step ${String(position)} of ${String(session.executed)}: ${rec.thread} ${rec.kind === 'wait' ? 'waits in' : 'ran'} ${step.spec.fn}.`
      : `At the start, ${String(session.executed)} steps.`
  return (
    <p className="sr-only" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  )
}
