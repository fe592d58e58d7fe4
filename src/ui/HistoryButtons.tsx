import { command } from '../app/commands'
import { backToReported, isReported, redo, undo, useHistory } from '../state/history'
import { useView } from '../state/store'

/** Undo, redo, and one click back to the interleaving the report describes. */
export function HistoryButtons() {
  const canUndo = useHistory((h) => h.past.length > 0)
  const canRedo = useHistory((h) => h.future.length > 0)
  const reported = useView(isReported)
  return (
    <span className="history" role="group" aria-label="Changes of the interleaving">
      <button
        type="button"
        onClick={() => undo()}
        disabled={!canUndo}
        aria-keyshortcuts={command('undo').aria}
        title="Undo the last change of the interleaving (Ctrl+Z)"
      >
        Undo
      </button>
      <button
        type="button"
        onClick={() => redo()}
        disabled={!canRedo}
        aria-keyshortcuts={command('redo').aria}
        title="Redo (Ctrl+Shift+Z)"
      >
        Redo
      </button>
      <button
        type="button"
        onClick={backToReported}
        disabled={reported}
        title="The interleaving and toggles the report describes"
      >
        Reported interleaving
      </button>
    </span>
  )
}
