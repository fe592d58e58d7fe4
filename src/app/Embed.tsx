import { domAnimation, LazyMotion, MotionConfig } from 'framer-motion'
import { useEffect, type KeyboardEvent } from 'react'

import { formatLink } from '../share/link'
import { currentLink } from '../state/actions'
import { useView } from '../state/store'
import { startUrlSync } from '../state/urlSync'
import { Controls } from '../ui/Controls'
import { ErrorBoundary } from '../ui/ErrorBoundary'
import { Narration } from '../ui/Narration'
import { Notices } from '../ui/Notices'
import { Picture } from '../ui/picture/Picture'
import { Timeline } from '../ui/Timeline'
import { useSession } from '../ui/useSession'
import { COMMANDS, dispatchKey } from './commands'
import { usePlayback } from './usePlayback'
import './embed.css'

/** Commands that make no sense inside a frame on someone else's page. */
const NOT_IN_FRAME = new Set(['lecture', 'help', 'close', 'blank'])

/**
 * The embed view (`view=embed`), for an iframe in slides or a course page: the timeline, the
 * state picture, the narration and the step controls; no header, no panels. Keys are scoped to
 * the frame: they are heard only while focus is inside it (a click in the frame gives it focus),
 * never from the host page, and nothing takes focus on load.
 */
export default function Embed() {
  useEffect(() => startUrlSync(), [])
  usePlayback()
  const position = useView((s) => s.position)
  const schedule = useView((s) => s.schedule)
  const session = useSession()
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const c = COMMANDS.find((x) => x.match(e.nativeEvent))
    if (c && !NOT_IN_FRAME.has(c.id)) dispatchKey(e.nativeEvent)
  }
  const link = currentLink()
  const full = link ? `./${formatLink({ ...link, view: undefined })}` : './'
  return (
    <MotionConfig reducedMotion="user">
      <LazyMotion features={domAnimation} strict>
        <main
          className="embed"
          // Focusable so a click anywhere in the frame brings the keys here.
          tabIndex={0}
          onKeyDown={onKey}
          aria-label={session ? `${session.scenario.title}: ← → step, Space plays` : 'Interleave'}
        >
          <Notices />
          <ErrorBoundary>
            {session ? (
              <div className="embed-main">
                <header className="embed-head">
                  <h1>{session.scenario.title}</h1>
                  <a href={full} target="_blank" rel="noreferrer">
                    Open in Interleave ↗
                  </a>
                </header>
                <Controls session={session} position={position} />
                <Timeline session={session} schedule={schedule} position={position} />
                <div className="embed-split">
                  <Narration session={session} position={position} />
                  <Picture session={session} position={position} />
                </div>
              </div>
            ) : (
              <div className="embed-main">
                <p>
                  This embedded view shows one race of <a href="./">Interleave</a>; its link names none it
                  knows.
                </p>
              </div>
            )}
          </ErrorBoundary>
        </main>
      </LazyMotion>
    </MotionConfig>
  )
}
