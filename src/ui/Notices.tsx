import { dismiss } from '../state/actions'
import { useView } from '../state/store'

/** Messages about links and refused moves: they say what happened and can be dismissed. */
export function Notices() {
  const notices = useView((s) => s.notices)
  if (notices.length === 0) return null
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <p key={n.id} className={`notice ${n.kind}`}>
          {n.text}
          <button
            type="button"
            onClick={() => {
              dismiss(n.id)
            }}
            aria-label="Dismiss this message"
          >
            ×
          </button>
        </p>
      ))}
    </div>
  )
}
