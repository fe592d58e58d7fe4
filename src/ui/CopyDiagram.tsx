import { useState } from 'react'

import { session } from '../state/actions'

/**
 * "Copy as diagram": the run as the column diagram of a commit message (the same text as
 * `npm run diagram`). The layout module is loaded on the first click.
 */
export function CopyDiagram() {
  const [done, setDone] = useState(false)
  const copy = async () => {
    const s = session()
    if (!s) return
    const { diagram } = await import('../diagram/diagram')
    const text = diagram(s.program, s.replay)
    try {
      await navigator.clipboard.writeText(text)
    } catch {
      window.prompt('Copy this diagram:', text)
    }
    setDone(true)
    window.setTimeout(() => {
      setDone(false)
    }, 2000)
  }
  return (
    <button
      type="button"
      onClick={() => void copy()}
      aria-label={`${done ? 'Diagram copied' : 'Copy as diagram'}: this run as a commit-message diagram`}
      title="The CPU-by-CPU column diagram of a commit message, at most 75 columns"
    >
      {done ? 'Diagram copied' : 'Copy as diagram'}
    </button>
  )
}
