import { useEffect, useRef } from 'react'

import { COMMANDS } from '../app/commands'
import { closeHelp } from '../state/actions'
import { useView } from '../state/store'

/** `?`: every keyboard shortcut, from the same registry the keys are dispatched from. */
export function ShortcutsDialog() {
  const open = useView((s) => s.help)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog ref={ref} className="shortcuts" aria-labelledby="shortcuts-title" onClose={closeHelp}>
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {COMMANDS.filter((c) => c.id !== 'close').map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <kbd>{c.keys}</kbd>
              </th>
              <td>{c.label}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">
              <kbd>Space</kbd> on a step
            </th>
            <td>pick it up; ←/→ to move it; Space to drop; Esc to cancel</td>
          </tr>
        </tbody>
      </table>
      <button type="button" onClick={closeHelp}>
        Close
      </button>
    </dialog>
  )
}
