import { compareBefore } from '../state/actions'
import type { Session } from '../state/session'

const LIST = 4

/** After a toggle or a reorder: where the run first diverges, and the new and vanished steps, in kernel words. */
export function WhatChanged({ session }: { session: Session }) {
  const d = session.divergence
  if (!d) return null
  const list = (xs: readonly string[]) =>
    xs.length <= LIST
      ? xs.join('; ')
      : `${xs.slice(0, LIST).join('; ')}; and ${String(xs.length - LIST)} more`
  return (
    <div className="banner diverge" role="status">
      <p>
        The run diverges at step {d.index + 1}: now {d.after} (before: {d.before}).{' '}
        <button type="button" className="load" onClick={compareBefore}>
          show both runs side by side
        </button>
      </p>
      {d.added.length > 0 && (
        <p className="added">
          <strong>New steps:</strong> {list(d.added)}.
        </p>
      )}
      {d.vanished.length > 0 && (
        <p className="vanished">
          <strong>Vanished steps:</strong> {list(d.vanished)}.
        </p>
      )}
    </div>
  )
}
