import { DEADLOCK } from '../engine'
import type { Session } from '../state/session'
import { RunEnding } from './RunEnding'
import { WhatChanged } from './WhatChanged'

/**
 * The outcomes reached so far. A bad one is an unmistakable banner in kernel terms, announced
 * by screen readers: the live region is always in the page, its content changes.
 */
export function OutcomeBanner({ session, position }: { session: Session; position: number }) {
  const { replay, scenario } = session
  const reached = Object.entries(replay.reachedAt)
    .filter(([, at]) => at <= position)
    .map(([id]) => [...scenario.outcomes, DEADLOCK].find((o) => o.id === id))
    .filter((o) => o !== undefined)
  const bad = reached.filter((o) => o.severity === 'bad')
  const ok = reached.filter((o) => o.severity === 'ok')
  return (
    <div className="outcomes">
      <div role="alert" aria-live="assertive" className="live">
        {bad.map((o) => (
          <p key={o.id} className="banner bad" data-outcome={o.id} title={o.explain}>
            {/* Lecture mode shows the title alone (the narration explains); the rest stays a tooltip. */}
            <strong>{o.title}.</strong> <span className="explain">{o.explain}</span>
          </p>
        ))}
      </div>
      {ok.length > 0 && bad.length === 0 && (
        <p className="banner ok" role="status">
          {ok.map((o) => o.title).join(' · ')}
        </p>
      )}
      <RunEnding session={session} position={position} />
      <WhatChanged session={session} />
    </div>
  )
}
