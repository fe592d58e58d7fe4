import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion'
import { useEffect } from 'react'

import { goHome, openScenario, toggleHelp, toggleLecture } from '../state/actions'
import { startHistory } from '../state/history'
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
import { BlankScreen } from '../ui/lecture/BlankScreen'
import { Tour } from '../ui/lecture/Tour'
import { useLectureFullscreen } from '../ui/lecture/useFullscreen'
import { Narration } from '../ui/Narration'
import { Notices } from '../ui/Notices'
import { OutcomeBanner } from '../ui/OutcomeBanner'
import { ScenarioPicker } from '../ui/ScenarioPicker'
import { ShareButton } from '../ui/ShareButton'
import { ShortcutsDialog } from '../ui/ShortcutsDialog'
import { StateView } from '../ui/StateView'
import { StepAnnouncer } from '../ui/StepAnnouncer'
import { Timeline } from '../ui/Timeline'
import { Toggles } from '../ui/Toggles'
import { useSession } from '../ui/useSession'
import '../ui/lecture/lecture.css'
import { dispatchKey } from './commands'
import { bundled } from './scenarios'
import { usePlayback } from './usePlayback'

export function App() {
  // History first: opening the first link is not a change to undo (the URL sync opens it silently).
  useEffect(() => startHistory(), [])
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
  useLectureFullscreen()

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
          <ErrorBoundary>
            {!lecture && <ByoPanels />}
            {!session ? (
              <main className="home">
                <Notices />
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
                {!lecture && <Tour />}
                {!lecture && <Toggles session={session} />}
                {/* The toolbar comes before anything that appears and goes, so it never moves. */}
                <Controls session={session} position={position} />
                <div className="messages">
                  <Notices />
                  <OutcomeBanner session={session} position={position} />
                </div>
                <StepAnnouncer session={session} position={position} />
                <Timeline session={session} schedule={session.replay.executed} position={position} />
                {!lecture && (
                  <>
                    <a
                      className="skip-link"
                      href="#after-steps"
                      onClick={(e) => {
                        // The hash is the share link: move the focus without touching it.
                        e.preventDefault()
                        document.getElementById('after-steps')?.focus()
                      }}
                    >
                      Skip the list of steps
                    </a>
                    <Interleaving session={session} schedule={session.replay.executed} />
                    <CompareBar session={session} />
                    <DiffSlot session={session} />
                  </>
                )}
                <div className="split" id="after-steps" tabIndex={-1}>
                  <Narration session={session} position={position} />
                  <StateView session={session} position={position} />
                </div>
                {!lecture && <ExplorePanel session={session} />}
              </main>
            )}
          </ErrorBoundary>
          <ShortcutsDialog />
          <BlankScreen />
        </div>
      </LazyMotion>
    </MotionConfig>
  )
}
