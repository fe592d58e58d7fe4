import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'

import { setZoom, usePresentation } from '../state/presentation'
import type { Session } from '../state/session'
import { Legend } from './lecture/Legend'
import { Blocks } from './timeline/Blocks'
import { RaceLinks } from './timeline/RaceLinks'
import { col, row, useBlocked, useBlocks, useCycle, useLanes, useRaces } from './timeline/data'
import { threadTitle } from './threadTitle'
import './timeline/timeline.css'

interface Props {
  readonly session: Session
  readonly schedule: readonly string[]
  readonly position: number
}

/**
 * One swimlane per thread, one block per step along a shared step axis (a CSS grid: each step's
 * column is as wide as its block's text). Executed steps are solid, steps still to come are
 * outlined, steps that can no longer run are struck. Hatched bars show where a thread waits, and
 * on what. The steps that make the race are joined once both ran. Two zooms: every block at its
 * readable size, following the current step; or the whole run fitted to the width.
 */
export function Timeline({ session, schedule, position }: Props) {
  const { program } = session
  const lanes = useLanes(session)
  const blocks = useBlocks(session, schedule, lanes)
  const blocked = useBlocked(session, lanes)
  const races = useRaces(session, position)
  const cycle = useCycle(schedule)
  const zoom = usePresentation((p) => p.zoom)
  const racing = useMemo(() => new Set(races.flatMap((r) => [r.a, r.b])), [races])
  // The block the arrows moved the Tab stop to, for this schedule only (else the current step's).
  const [roved, setRoved] = useState<{ schedule: readonly string[]; i: number } | null>(null)
  const rove = roved?.schedule === schedule ? roved.i : null
  const onRove = useCallback(
    (i: number) => {
      setRoved({ schedule, i })
    },
    [schedule]
  )
  const scroller = useRef<HTMLDivElement>(null)
  const grid = useRef<HTMLDivElement>(null)
  const n = schedule.length

  /**
   * Bring a range of columns into view if it is not, in the next frame (its layout is the one
   * that frame does anyway). The race's pair is brought in whole when it is joined.
   */
  const frame = useRef(0)
  const reveal = useCallback((from: number, to: number) => {
    cancelAnimationFrame(frame.current)
    frame.current = requestAnimationFrame(() => {
      const el = scroller.current
      const g = grid.current
      if (!el || !g) return
      const a = g.querySelector<HTMLElement>(`[data-i="${String(from)}"]`)
      const b = g.querySelector<HTMLElement>(`[data-i="${String(to)}"]`) ?? a
      if (!a || !b) return
      const lane = g.querySelector<HTMLElement>('.lane-name')?.offsetWidth ?? 0
      const lo = Math.min(a.offsetLeft, b.offsetLeft) - 24
      const hi = Math.max(a.offsetLeft + a.offsetWidth, b.offsetLeft + b.offsetWidth) + 24
      // The lane names stay on the left: what is visible is [scrollLeft + lane, scrollLeft + width].
      const sl = el.scrollLeft
      const view = el.clientWidth - lane
      if (lo >= sl + lane && hi <= sl + el.clientWidth) return
      const to2 = hi - lo <= view ? (lo + hi) / 2 - lane - view / 2 : lo - lane
      el.scrollTo({ left: Math.max(0, to2), behavior: 'auto' })
    })
  }, [])
  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current)
    },
    []
  )
  useEffect(() => {
    if (zoom === 'follow') reveal(Math.max(0, position - 1), Math.max(0, position - 1))
  }, [position, zoom, reveal, n])
  // A new size (lecture mode, a rotated phone) keeps the current step in view.
  const current = useRef(position)
  useEffect(() => {
    current.current = position
  }, [position])
  useEffect(() => {
    const el = scroller.current
    if (!el || zoom !== 'follow') return
    const ro = new ResizeObserver(() => {
      const at = Math.max(0, current.current - 1)
      reveal(at, at)
    })
    ro.observe(el)
    return () => {
      ro.disconnect()
    }
  }, [zoom, reveal])
  const lastRace = races[races.length - 1]
  useEffect(() => {
    if (lastRace && zoom === 'follow')
      reveal(Math.min(lastRace.a, lastRace.b), Math.max(lastRace.a, lastRace.b))
  }, [lastRace, zoom, reveal])
  useEffect(() => {
    if (cycle && zoom === 'follow' && position > cycle.start) reveal(cycle.start, cycle.end - 1)
    // Only when the cycle is reached or loaded, not on every step inside it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [cycle, zoom, reveal, cycle !== null && position > cycle.start])

  // A waiting bar's words are shown only where they fit whole; its tooltip always has them.
  useLayoutEffect(() => {
    const g = grid.current
    if (!g) return
    const fit = () => {
      for (const el of g.querySelectorAll<HTMLElement>('.blocked-label')) {
        el.hidden = false
        el.hidden = el.scrollWidth > el.clientWidth + 1
      }
    }
    fit()
    const ro = new ResizeObserver(fit)
    ro.observe(g)
    return () => {
      ro.disconnect()
    }
  }, [blocked, zoom])

  const div = session.divergence
  const columns =
    zoom === 'fit'
      ? `var(--lane-w) repeat(${String(n)}, minmax(0, 1fr)) 0.75rem`
      : `var(--lane-w) repeat(${String(n)}, max-content) 1.5rem`
  return (
    <section className={`timeline zoom-${zoom}`} aria-label="Timeline">
      <div className="timeline-tools">
        <Legend />
        <button
          type="button"
          aria-pressed={zoom === 'follow'}
          onClick={() => {
            setZoom('follow')
          }}
          aria-keyshortcuts="Z"
          title="Every block at its readable size, following the current step (Z)"
        >
          Follow step
        </button>
        <button
          type="button"
          aria-pressed={zoom === 'fit'}
          onClick={() => {
            setZoom('fit')
          }}
          aria-keyshortcuts="Z"
          title="The whole run fitted to the width; names in each block's tooltip (Z)"
        >
          Fit whole run
        </button>
      </div>
      <div className="timeline-scroll" ref={scroller}>
        <div
          className="tl-grid"
          ref={grid}
          role="group"
          aria-label={`Interleaving: ${String(n)} steps, ${String(position)} executed`}
          style={{
            gridTemplateColumns: columns,
            gridTemplateRows: `auto repeat(${String(lanes.length)}, auto) 1.6rem`,
          }}
        >
          {lanes.map((t, l) => {
            const name = threadTitle(program.threads.find((p) => p.letter === t)?.name ?? '')
            // Lecture mode and a phone show the actor ("khugepaged"); the whole title is then its
            // tooltip, on hover and on focus. Elsewhere the whole title wraps in the lane.
            const actor = name.split(':')[0] ?? name
            const short = actor !== name
            return (
              <div
                key={t}
                className={`lane-name${short ? ' has-actor' : ''}`}
                style={{ gridRow: row(l) }}
                tabIndex={short ? 0 : undefined}
              >
                <span className={`cpu cpu-${t}`}>{t}</span>{' '}
                {short && (
                  <span className="lane-actor" aria-hidden="true">
                    {actor}
                  </span>
                )}
                <span className="lane-title">{name}</span>
              </div>
            )
          })}
          {lanes.map((t, l) => (
            <div key={t} className="lane-bg" style={{ gridRow: row(l), gridColumn: `2 / -1` }} />
          ))}
          {blocked.map((b) => (
            <div
              key={`${b.thread}-${String(b.from)}`}
              className={`blocked ${b.spin ? 'spin' : 'sleep'}`}
              style={{
                gridRow: row(b.lane),
                gridColumn: `${String(col(b.from))} / ${String(col(Math.min(b.to, n + 1)))}`,
              }}
              title={b.reason}
            >
              <span className="blocked-label">
                {b.spin ? 'spinning' : 'waiting'}:{' '}
                {b.reason.replace(/^[A-H] is (spinning|sleeping|waiting) (on |in |for )?/, '')}
              </span>
              <span className="hatch" />
            </div>
          ))}
          <Blocks blocks={blocks} racing={racing} rove={rove} onRove={onRove} />
          {cycle && (
            <div
              className="cycle-mark"
              style={{ gridRow: 1, gridColumn: `${String(col(cycle.start))} / ${String(col(cycle.end))}` }}
            >
              livelock cycle: repeats forever
            </div>
          )}
          {session.replay.requested < n && (
            <div
              className="diverge completed-from"
              style={{ gridRow: `1 / -1`, gridColumn: col(session.replay.requested) }}
            >
              <span>completed by the page</span>
            </div>
          )}
          {div && div.index < n && (
            <div className="diverge" style={{ gridRow: `1 / -1`, gridColumn: col(div.index) }}>
              <span>diverges here</span>
            </div>
          )}
          <div
            className="cursor"
            aria-hidden="true"
            style={{ gridRow: `1 / -1`, gridColumn: col(Math.min(position, n)) }}
          />
          <RaceLinks grid={grid} blocks={blocks} races={races} zoom={zoom} />
        </div>
      </div>
      {races.length > 0 && (
        <ul className="race-notes">
          {races.map((r) => (
            <li key={r.key}>
              <strong>Race:</strong> {r.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
