import { useMemo } from 'react'

import { usePresentation } from '../../state/presentation'
import type { Session } from '../../state/session'
import { useView } from '../../state/store'
import { focusOf, type StateFocus } from './focus'

/**
 * The state slot's contract in lecture mode: which objects to show first (null outside lecture
 * mode: show everything). Any component in the state slot (the cards, or a picture) calls this.
 */
export function useStateFocus(session: Session, position: number): StateFocus | null {
  const lecture = useView((s) => s.lecture)
  const all = usePresentation((p) => p.allState)
  return useMemo(
    () => (lecture ? { keys: focusOf(session, position), all } : null),
    [lecture, all, session, position]
  )
}

/** Whether an object is shown under a focus (everything is, outside lecture mode or when expanded). */
export function shows(focus: StateFocus | null, key: string): boolean {
  return !focus || focus.all || focus.keys.has(key)
}
