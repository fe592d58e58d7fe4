import { m } from 'framer-motion'
import type { ReactNode } from 'react'

import { usePrefersReducedMotion } from './usePrefersReducedMotion'

/**
 * A value that the last step changed: highlighted, with its previous value. Unchanged values
 * render plainly. The highlight flashes in, unless the reader asked for reduced motion.
 */
export function Changed({
  change,
  children,
}: {
  change?: { before: string } | undefined
  children: ReactNode
}) {
  // Framer Motion's reducedMotion setting stops movement but still runs fades: this one is
  // dropped too, so the highlight simply appears at its resting strength.
  const reduce = usePrefersReducedMotion()
  if (!change) return <>{children}</>
  // The flash is a layer of its own that fades by opacity: the compositor animates that, so a
  // step costs no main-thread work per frame while the highlight settles.
  return (
    <span className="changed" title={`was ${change.before}`}>
      <m.span
        // A new change (another previous value) remounts the layer, so consecutive changes to
        // the same cell each flash.
        key={change.before}
        className="flash"
        aria-hidden="true"
        initial={reduce ? false : { opacity: 1 }}
        animate={{ opacity: 0.33 }}
        transition={{ duration: 0.6 }}
      />
      <span className="was">{change.before} →</span> {children}
    </span>
  )
}
