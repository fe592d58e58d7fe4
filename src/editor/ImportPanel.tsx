import { useState } from 'react'

import { DiagramError, formatNotice, importDiagram, type Notice } from '../import'
import { openUserScenario } from '../state/userActions'
import { saveDraft } from './draft'

/**
 * The paste box: a column diagram or a lockdep report becomes a race on screen. What was
 * ambiguous is listed at its line; text that holds no diagram gets its reason here, in place.
 */
export default function ImportPanel() {
  const [text, setText] = useState('')
  const [id, setId] = useState('imported-race')
  const [error, setError] = useState<string | null>(null)
  const [notices, setNotices] = useState<readonly Notice[]>([])
  const run = () => {
    setNotices([])
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) {
      setError('The id must be kebab-case: lower-case letters, digits and dashes.')
      return
    }
    try {
      const r = importDiagram(text, { id })
      setError(null)
      setNotices(r.notices)
      saveDraft({ id: r.scenario.id, text: r.json })
      openUserScenario(r.scenario, r.json, 'import')
    } catch (e) {
      if (e instanceof DiagramError) setError(`This text could not be read as a diagram: ${e.message}.`)
      else
        setError(
          `The diagram gave a scenario the loader refused: ${e instanceof Error ? e.message : String(e)}`
        )
    }
  }
  return (
    <section className="byo-panel import-panel" aria-labelledby="import-title">
      <h2 id="import-title">Bring your own race</h2>
      <p className="hint">
        Paste a “CPU 0 | CPU 1” column diagram from a commit or a mail (quote marks, tabs and dmesg timestamps
        are fine), or lockdep’s “Possible unsafe locking scenario”. Each column becomes a thread, each cell a
        step, in the diagram’s row order.
      </p>
      <label className="field">
        <span>Diagram</span>
        <textarea
          value={text}
          onChange={(e) => {
            setText(e.target.value)
          }}
          rows={12}
          spellCheck={false}
          aria-describedby={error ? 'import-error' : undefined}
          aria-invalid={error !== null}
        />
      </label>
      <div className="row">
        <label className="field inline">
          <span>Scenario id</span>
          <input
            value={id}
            onChange={(e) => {
              setId(e.target.value)
            }}
            spellCheck={false}
          />
        </label>
        <button type="button" className="primary" onClick={run} disabled={text.trim() === ''}>
          Import
        </button>
      </div>
      {error && (
        <p id="import-error" className="byo-error" role="alert">
          {error}
        </p>
      )}
      {notices.length > 0 && (
        <div className="import-notices">
          <h3>Check these</h3>
          <ul>
            {notices.map((n, i) => (
              <li key={i} className={n.level}>
                {formatNotice(n)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
