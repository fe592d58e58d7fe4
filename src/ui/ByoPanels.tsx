import { lazy, Suspense } from 'react'
import { create } from 'zustand'

import { useView } from '../state/store'
import { bundled } from '../app/scenarios'
import { userScenario, userScenarios } from '../state/userScenarios'
import './byo.css'
import { useSession } from './useSession'

/** Which bring-your-own panel is open. The panels themselves load only when first opened. */
const useByo = create<{ open: 'import' | 'edit' | null }>()(() => ({ open: null }))
const ImportPanel = lazy(() => import('../editor/ImportPanel'))
const EditorPanel = lazy(() => import('../editor/EditorPanel'))

const toggle = (which: 'import' | 'edit') => {
  useByo.setState((s) => ({ open: s.open === which ? null : which }))
}

/** The header's buttons: paste a diagram, edit the race on screen. */
export function ByoButtons() {
  const open = useByo((s) => s.open)
  const hasRace = useView((s) => s.scenarioId !== null)
  return (
    <>
      <button type="button" aria-pressed={open === 'import'} onClick={() => toggle('import')}>
        Import diagram
      </button>
      {hasRace && (
        <button type="button" aria-pressed={open === 'edit'} onClick={() => toggle('edit')}>
          Edit
        </button>
      )}
    </>
  )
}

/** The open panel, and a plain word when the race on screen is the person's own. */
export function ByoPanels() {
  const open = useByo((s) => s.open)
  const session = useSession()
  const own = session ? userScenario(session.scenario.id) : undefined
  const from = { import: 'imported from a diagram', editor: 'edited here', link: 'carried in the link' }
  return (
    <>
      {own && (
        <p className="byo-own" role="note">
          This race is {from[own.origin]}, not one of the bundled races: its steps are as their author wrote
          them{own.origin === 'link' ? ', and the link carries it' : ', and Copy link carries it'}.
        </p>
      )}
      {open !== null && (
        <Suspense fallback={<p className="hint">Loading…</p>}>
          {open === 'import' ? <ImportPanel /> : session ? <EditorPanel key={session.scenario.id} /> : null}
        </Suspense>
      )}
    </>
  )
}

/** The person's own races in the race picker (those that do not shadow a bundled id). */
export function UserOptions() {
  useSession()
  const own = userScenarios().filter((u) => !bundled.some((b) => b.scenario?.id === u.scenario.id))
  return own.map((u) => (
    <option key={u.scenario.id} value={u.scenario.id}>
      {u.scenario.title} (yours)
    </option>
  ))
}
