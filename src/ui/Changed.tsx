import { m } from 'framer-motion'
import type { ReactNode } from 'react'

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
  if (!change) return <>{children}</>
  return (
    <m.span
      className="changed"
      initial={{ backgroundColor: 'rgba(255, 214, 102, 0.55)' }}
      animate={{ backgroundColor: 'rgba(255, 214, 102, 0.18)' }}
      transition={{ duration: 0.6 }}
      title={`was ${change.before}`}
    >
      <span className="was">{change.before} →</span> {children}
    </m.span>
  )
}
