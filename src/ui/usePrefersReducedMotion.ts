import { useSyncExternalStore } from 'react'

const QUERY = '(prefers-reduced-motion: reduce)'

/** One query object for the page: asking `matchMedia` on every render costs more than the render. */
let query: MediaQueryList | null = null
const mq = (): MediaQueryList => (query ??= window.matchMedia(QUERY))

function subscribe(onChange: () => void): () => void {
  const q = mq()
  q.addEventListener('change', onChange)
  return () => {
    q.removeEventListener('change', onChange)
  }
}

/**
 * Whether the reader asks for reduced motion, kept current. Framer Motion's `useReducedMotion`
 * reads the setting once per component, and a value cell stays mounted for the whole session.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => mq().matches,
    () => false
  )
}
