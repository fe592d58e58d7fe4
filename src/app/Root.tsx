import { lazy, Suspense } from 'react'

import { App } from './App'

/** The embed shell is loaded only by a page opened with `view=embed`. */
const Embed = lazy(() => import('./Embed'))

/** The whole page, or the embed view (no header, no panels, keys scoped to the frame). */
export function Root({ embedded }: { embedded: boolean }) {
  if (!embedded) return <App />
  return (
    <Suspense fallback={null}>
      <Embed />
    </Suspense>
  )
}
