import { useState } from 'react'

import type { Session } from '../state/session'
import { useView } from '../state/store'
import { Picture } from './picture/Picture'
import { SavePicture } from './picture/SavePicture'
import { StateDetails } from './StateDetails'

export interface StateViewProps {
  readonly session: Session
  readonly position: number
  /** Projector type for the picture; by default `large` in lecture mode. */
  readonly size?: 'normal' | 'large'
  /** Fold what the last step did not touch (a small slot); by default in lecture mode. */
  readonly compact?: boolean
  /** Hide the Save picture buttons (the embed view has its own). */
  readonly noSave?: boolean
}

/**
 * The mm state after `position` steps: drawn as a picture (the default), or as detailed cards
 * (every value as text, locks and CPUs in full). Both show what the last step changed.
 */
export function StateView({ session, position, size, compact, noSave = false }: StateViewProps) {
  const lecture = useView((s) => s.lecture)
  const [tab, setTab] = useState<'picture' | 'details'>('picture')
  return (
    <section className="state-panel" aria-label="State">
      <div className="state-tabs">
        <div role="tablist" aria-label="Show the state as">
          {(['picture', 'details'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="tab"
              id={`state-tab-${t}`}
              aria-selected={tab === t}
              aria-controls="state-tabpanel"
              onClick={() => setTab(t)}
            >
              {t === 'picture' ? 'Picture' : 'Details'}
            </button>
          ))}
        </div>
        {tab === 'picture' && !noSave && <SavePicture session={session} position={position} />}
      </div>
      <div role="tabpanel" id="state-tabpanel" aria-labelledby={`state-tab-${tab}`}>
        {tab === 'picture' ? (
          <Picture
            session={session}
            position={position}
            size={size ?? (lecture ? 'large' : 'normal')}
            compact={compact ?? lecture}
          />
        ) : (
          <StateDetails session={session} position={position} />
        )}
      </div>
    </section>
  )
}
