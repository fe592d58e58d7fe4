import { useShallow } from 'zustand/react/shallow'

import { sessionOf, type Session } from '../state/session'
import { useView } from '../state/store'

const inputs = (s: ReturnType<typeof useView.getState>) => ({
  scenarioId: s.scenarioId,
  toggles: s.toggles,
  schedule: s.schedule,
  compareTo: s.compareTo,
  compareSchedule: s.compareSchedule,
})

/** The derived session of the current view (memoized in state/session). */
export function useSession(): Session | null {
  return sessionOf(useView(useShallow(inputs)))
}
