import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion'
import { useEffect } from 'react'

import { goHome, openScenario, toggleHelp, toggleLecture } from '../state/actions'
import { useView } from '../state/store'
import { startUrlSync } from '../state/urlSync'
import { CompareBar } from '../ui/CompareBar'
import { Controls } from '../ui/Controls'
import { ByoButtons, ByoPanels, UserOptions } from '../ui/ByoPanels'
import { CopyDiagram } from '../ui/CopyDiagram'
import { DiffSlot } from '../ui/DiffSlot'
import { ErrorBoundary } from '../ui/ErrorBoundary'
import { ExplorePanel } from '../ui/ExplorePanel'
import { Interleaving } from '../ui/Interleaving'
import { Narration } from '../ui/Narration'
import { Notices } from '../ui/Notices'
import { OutcomeBanner } from '../ui/OutcomeBanner'
import { ScenarioPicker } from '../ui/ScenarioPicker'
import { ShareButton } from '../ui/ShareButton'
import { ShortcutsDialog } from '../ui/ShortcutsDialog'
import { StateView } from '../ui/StateView'
import { Timeline } from '../ui/Timeline'
import { Toggles } from '../ui/Toggles'
import { useSession } from '../ui/useSession'
import { dispatchKey } from './commands'
import { bundled } from './scenarios'
import { usePlayback } from './usePlayback'

export function App() {
  useEffect(() => startUrlSync(), [])
  useEffect(() => {
    window.addEventListener('keydown', dispatchKey)
    return () => {
      window.removeEventListener('keydown', dispatchKey)
    }
  }, [])
  usePlayback()
  const lecture = useView((s) => s.lecture)
  const position = useView((s) => s.position)
  const session = useSession()
  useEffect(() => {
    // Lecture mode asks for full screen; a browser may refuse (no gesture, no permission).
    if (lecture && !document.fullscreenElement)
      document.documentElement.requestFullscreen().catch(() => undefined)
    if (!lecture && document.fullscreenElement) document.exitFullscreen().catch(() => undefined)
  }, [lecture])

  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <div className={`app${lecture ? ' lecture' : ''}`}>
          <header className="top">
            <a className="brand" href="#/" onClick={goHome}>
              Interleave
            </a>
            {session && (
              <label className="pick-inline">
                <span className="sr-only">Race</span>
                <select
                  value={session.scenario.id}
                  onChange={(e) => {
                    openScenario(e.target.value)
                  }}
                  aria-label="Race"
                >
                  {bundled.map((b) =>
                    b.scenario ? (
                      <option key={b.scenario.id} value={b.scenario.id}>
                        {b.scenario.title}
                      </option>
                    ) : null
                  )}
                  <UserOptions />
                </select>
              </label>
            )}
            <span className="spacer" />
            {!lecture && <ByoButtons />}
            {session && <ShareButton />}
            {session && <CopyDiagram />}
            {session && (
              <button
                type="button"
                onClick={toggleLecture}
                aria-pressed={lecture}
                aria-keyshortcuts="L"
                title="Lecture mode (L)"
              >
                Lecture
              </button>
            )}
            <button
              type="button"
              onClick={toggleHelp}
              aria-keyshortcuts="Shift+?"
              aria-label="Keyboard shortcuts"
              title="Keyboard shortcuts (?)"
            >
              ?
            </button>
          </header>
          <Notices />
          <ErrorBoundary>
            {!lecture && <ByoPanels />}
            {!session ? (
              <main className="home">
                <h1>Linux memory-management races, CPU by CPU</h1>
                <p className="lede">
                  Five races reported on the kernel mailing lists, replayed step by step against the page
                  tables, folios and locks they involve. Reorder the steps, switch the proposed fixes on and
                  off, and share exactly what you see.
                </p>
                <ScenarioPicker />
              </main>
            ) : (
              <main className="race">
                <div className="scenario-head">
                  <h1>{session.scenario.title}</h1>
                  <p>
                    {session.scenario.summary} <span className="kernel">Linux {session.scenario.kernel}</span>
                    {session.scenario.arch && <span className="arch"> · {session.scenario.arch}</span>}
                  </p>
                </div>
                {!lecture && <Toggles session={session} />}
                {!lecture && <CompareBar session={session} />}
                <OutcomeBanner session={session} position={position} />
                <Controls session={session} position={position} />
                <Timeline session={session} schedule={session.replay.executed} position={position} />
                {!lecture && <Interleaving session={session} schedule={session.replay.executed} />}
                {!lecture && <DiffSlot session={session} />}
                <div className="split">
                  <Narration session={session} position={position} />
                  <StateView session={session} position={position} />
                </div>
                {!lecture && <ExplorePanel session={session} />}
              </main>
            )}
          </ErrorBoundary>
          <ShortcutsDialog />
        </div>
      </LazyMotion>
    </MotionConfig>
  )
}
