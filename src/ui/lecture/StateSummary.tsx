import { toggleAllState } from '../../state/presentation'
import type { StateFocus } from './focus'

/**
 * In lecture mode, what the state slot folded away, in one line, and the control that unfolds
 * it (also the S key). Nothing is shown when nothing was folded.
 */
export function StateSummary({ focus, hidden }: { focus: StateFocus | null; hidden: readonly string[] }) {
  if (!focus || (!focus.all && hidden.length === 0)) return null
  return (
    <p className="state-summary">
      {focus.all ? (
        'Every object is shown. '
      ) : (
        <>
          Also in this state: <span className="folded">{hidden.join(' · ')}</span>.{' '}
        </>
      )}
      <button type="button" onClick={toggleAllState} aria-keyshortcuts="S" aria-expanded={focus.all}>
        {focus.all ? 'Show only what the step touches (S)' : 'Show all (S)'}
      </button>
    </p>
  )
}
