import { memo } from 'react'

import { compareReported, compareToggle } from '../state/actions'
import type { Session } from '../state/session'

/** One click to put this run beside another: the reported run, or this run with a toggle flipped. */
export const CompareBar = memo(function CompareBar({ session }: { session: Session }) {
  const on = new Set(session.program.toggles)
  return (
    <div className="compare-bar" role="group" aria-label="Compare side by side">
      <span>Compare side by side with:</span>
      <button type="button" className="load" onClick={compareReported}>
        the reported run
      </button>
      {session.scenario.toggles.map((t) => (
        <button
          key={t.id}
          type="button"
          className="load"
          onClick={() => {
            compareToggle(t.id)
          }}
          // The accessible name starts with the visible words (WCAG 2.5.3), then says what they mean.
          aria-label={`${t.id} ${on.has(t.id) ? 'off' : 'on'}: compare with ${t.title} ${on.has(t.id) ? 'off' : 'on'}`}
          title={t.title}
        >
          {t.id} {on.has(t.id) ? 'off' : 'on'}
        </button>
      ))}
    </div>
  )
})
