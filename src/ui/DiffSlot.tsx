import { lazy, Suspense } from 'react'

import type { Session } from '../state/session'
import { useView } from '../state/store'

const DiffView = lazy(() => import('./diff/DiffView'))

/** The diff view, loaded only when a second run is asked for (link `vs=` / `vswith=`). */
export function DiffSlot({ session }: { session: Session }) {
  const vs = useView((s) => s.vs)
  const toggles = useView((s) => s.toggles)
  const schedule = useView((s) => s.schedule)
  if (!vs) return null
  return (
    <Suspense fallback={<p className="diff">Loading the comparison…</p>}>
      <DiffView session={session} vs={vs} toggles={toggles} schedule={schedule} />
    </Suspense>
  )
}
