import { scaleBand, scaleLinear } from 'd3-scale'
import { memo, useCallback, useEffect, useMemo, useRef } from 'react'

import { stepOf, whyNotRunnable } from '../engine'
import { setPosition } from '../state/actions'
import { useView } from '../state/store'
import type { Session } from '../state/session'
import { threadTitle } from './threadTitle'
import { stepLabel } from './stepLabel'

const STEP = 96
const GAP = 6
const LANE = 48
const TOP = 22

interface Props {
  readonly session: Session
  readonly schedule: readonly string[]
  readonly position: number
}

interface Block {
  readonly i: number
  readonly thread: string
  readonly stepId: string
  readonly fn: string
  readonly title: string
  /** Whether the step can run at all; done / still to come is styled from the position. */
  readonly status: 'run' | 'impossible'
  readonly waits: boolean
}

/** Runs of a thread being blocked, between steps: [from, to) in schedule positions. */
interface Blocked {
  readonly thread: string
  readonly from: number
  readonly to: number
  readonly reason: string
  readonly spin: boolean
}

/**
 * One swimlane per thread, one block per step along a shared step axis. Executed steps are
 * solid, steps still to come are outlined, steps that can no longer run are struck. Hatched bars
 * show where a thread waits, and on what. The steps that make the race are joined once both ran.
 */
export function Timeline({ session, schedule, position }: Props) {
  const { program, replay } = session
  // Stable across renders, so the scales and the blocked-interval scan below are not redone on
  // every step (they depend only on the program and the replay).
  const lanes = useMemo(() => program.threads.filter((t) => t.active).map((t) => t.letter), [program])
  const width = Math.max(schedule.length, 1) * STEP + GAP * 2
  const height = TOP + lanes.length * LANE + 34
  const x = useMemo(
    () =>
      scaleLinear()
        .domain([0, Math.max(schedule.length, 1)])
        .range([GAP, width - GAP]),
    [schedule.length, width]
  )
  const y = useMemo(
    () =>
      scaleBand()
        .domain(lanes)
        .range([TOP, TOP + lanes.length * LANE])
        .padding(0.12),
    [lanes]
  )
  const scroller = useRef<HTMLDivElement>(null)

  const blocks = useMemo(
    () =>
      schedule.map((thread, i): Block => {
        const rec = replay.records[i]
        const step = rec ? stepOf(program, rec.thread, rec.stepId) : undefined
        return {
          i,
          thread,
          stepId: rec?.stepId ?? '?',
          fn: step ? stepLabel(step.spec) : (replay.error?.message ?? ''),
          title: step?.spec.title ?? 'cannot run here',
          status: i < replay.records.length ? 'run' : 'impossible',
          waits: rec?.kind === 'wait',
        }
      }),
    [schedule, replay, program]
  )

  const blocked = useMemo(() => {
    const out: Blocked[] = []
    for (const t of lanes) {
      let start = -1
      let reason = ''
      let spin = false
      for (let k = 0; k <= replay.records.length; k++) {
        const st = replay.states[k]
        const b = st?.threads[t]?.blocked
        if (b && start < 0) {
          start = k
          reason = whyNotRunnable(program, st, t) ?? ''
          spin = b.kind === 'lock' && b.spin
        }
        if ((!b || k === replay.records.length) && start >= 0) {
          out.push({ thread: t, from: start, to: b ? k + 1 : k, reason, spin })
          start = -1
        }
      }
    }
    return out
  }, [lanes, replay, program])

  const races = useMemo(() => {
    const idx = (id: string) => replay.records.findIndex((r) => r.stepId === id && r.kind === 'run')
    return session.scenario.race
      .map((r) => ({ ...r, a: idx(r.first), b: idx(r.second) }))
      .filter((r) => r.a >= 0 && r.b >= 0 && r.a < position && r.b < position)
  }, [session.scenario.race, replay, position])
  const racing = new Set(races.flatMap((r) => [r.a, r.b]))

  // The scroller's geometry is remembered from its scroll and resize events, so following the
  // current step reads no layout: a read right after React's DOM update would force a layout.
  const view = useRef({ left: 0, width: 0, target: 0 })
  const frame = useRef(0)
  /** Bring the current step into view if it is near an edge, in the next frame. */
  const follow = useCallback(() => {
    const el = scroller.current
    const { left, width, target } = view.current
    if (!el || width === 0 || (target >= left + 40 && target <= left + width - 140)) return
    const to = Math.max(0, target - width / 2)
    cancelAnimationFrame(frame.current)
    // Scrolling needs layout: in the next frame that layout is the one the frame does anyway.
    frame.current = requestAnimationFrame(() => {
      view.current.left = to
      el.scrollTo({ left: to, behavior: 'auto' })
    })
  }, [])
  useEffect(() => {
    const el = scroller.current
    if (!el) return
    const onScroll = () => {
      view.current.left = el.scrollLeft
    }
    const ro = new ResizeObserver(([e]) => {
      if (!e) return
      view.current.width = e.contentRect.width
      follow()
    })
    ro.observe(el)
    el.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      ro.disconnect()
      el.removeEventListener('scroll', onScroll)
      cancelAnimationFrame(frame.current)
    }
  }, [follow])
  useEffect(() => {
    view.current.target = x(position)
    follow()
  }, [position, x, follow])

  const div = session.divergence
  return (
    <section className="timeline" aria-label="Timeline">
      <div className="lanes" aria-hidden="true">
        {lanes.map((t) => (
          <div key={t} className="lane-name" style={{ top: (y(t) ?? 0) + 2, height: y.bandwidth() }}>
            <span className={`cpu cpu-${t}`}>{t}</span>
            <span className="lane-title">
              {threadTitle(program.threads.find((p) => p.letter === t)?.name ?? '')}
            </span>
          </div>
        ))}
      </div>
      <div className="timeline-scroll" ref={scroller}>
        <svg
          width={width}
          height={height}
          role="group"
          aria-label={`Interleaving: ${String(schedule.length)} steps, ${String(position)} executed`}
        >
          <defs>
            <pattern
              id="hatch"
              width="6"
              height="6"
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <line x1="0" y1="0" x2="0" y2="6" stroke="currentColor" strokeWidth="3" />
            </pattern>
          </defs>
          {lanes.map((t) => (
            <rect key={t} className="lane-bg" x={0} y={y(t)} width={width} height={y.bandwidth()} />
          ))}
          {blocked.map((b) => (
            <g key={`${b.thread}-${String(b.from)}`} className={`blocked ${b.spin ? 'spin' : 'sleep'}`}>
              <title>{b.reason}</title>
              <rect
                x={x(b.from)}
                y={(y(b.thread) ?? 0) + y.bandwidth() - 9}
                width={Math.max(4, x(b.to) - x(b.from) - GAP)}
                height={7}
                fill="url(#hatch)"
              />
              {x(b.to) - x(b.from) > 150 && (
                <text x={x(b.from) + 4} y={(y(b.thread) ?? 0) + y.bandwidth() - 12} className="blocked-label">
                  {b.spin ? 'spinning' : 'waiting'}:{' '}
                  {b.reason.replace(/^[A-H] is (spinning|sleeping|waiting) (on |in |for )?/, '')}
                </text>
              )}
            </g>
          ))}
          <Blocks blocks={blocks} x={x} y={y} />
          {[...racing].map((i) => {
            const b = blocks[i]
            if (!b) return null
            return (
              <rect
                key={`race-${String(i)}`}
                className="race-mark"
                x={x(i) - 2}
                y={(y(b.thread) ?? 0) - 2}
                width={STEP - GAP + 4}
                height={y.bandwidth() - 8}
                rx={6}
              />
            )
          })}
          {races.map((r) => {
            const ta = replay.records[r.a]?.thread ?? ''
            const tb = replay.records[r.b]?.thread ?? ''
            const ax = x(r.a) + (STEP - GAP) / 2
            const bx = x(r.b) + (STEP - GAP) / 2
            const ay = (y(ta) ?? 0) + y.bandwidth() / 2
            const by = (y(tb) ?? 0) + y.bandwidth() / 2
            return (
              <g key={`${r.first}-${r.second}`} className="race-link">
                <path
                  d={`M${String(ax)},${String(ay)} C${String(ax)},${String(height - 10)} ${String(bx)},${String(height - 10)} ${String(bx)},${String(by)}`}
                />
                <title>{r.text}</title>
              </g>
            )
          })}
          {replay.requested < replay.records.length && (
            <g className="completed-from">
              <line x1={x(replay.requested)} x2={x(replay.requested)} y1={4} y2={height - 4} />
              <text x={x(replay.requested) + 4} y={height - 8}>
                completed by the page
              </text>
            </g>
          )}
          {div && div.index < schedule.length && (
            <g className="diverge">
              <line x1={x(div.index)} x2={x(div.index)} y1={4} y2={height - 4} />
              <text x={x(div.index) + 4} y={14}>
                diverges here
              </text>
            </g>
          )}
          <line
            className="cursor"
            x1={x(position) - GAP / 2}
            x2={x(position) - GAP / 2}
            y1={2}
            y2={height - 2}
          />
        </svg>
      </div>
      {races.length > 0 && (
        <ul className="race-notes">
          {races.map((r) => (
            <li key={`${r.first}-${r.second}`}>
              <strong>Race:</strong> {r.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * The step blocks: laid out once per schedule and replay. Stepping does not re-render them;
 * which ones are done comes from the position's stylesheet rule (nth-child).
 */
const Blocks = memo(function Blocks({
  blocks,
  x,
  y,
}: {
  blocks: readonly Block[]
  x: (n: number) => number
  y: { (t: string): number | undefined; bandwidth: () => number }
}) {
  const h = y.bandwidth() - 12
  return (
    <g className="blocks">
      {blocks.map((b) => (
        <BlockG key={b.i} b={b} left={x(b.i)} top={y(b.thread) ?? 0} height={h} />
      ))}
    </g>
  )
})

/**
 * One step's block. It watches only whether it has run, so a step re-renders the one or two
 * blocks that changed, not the whole timeline.
 */
const BlockG = memo(function BlockG({
  b,
  left,
  top,
  height,
}: {
  b: Block
  left: number
  top: number
  height: number
}) {
  const done = useView((s) => s.position > b.i)
  return (
    <g
      className={`block ${b.status} cpu-${b.thread}${b.waits ? ' waits' : ''}${done ? ' done' : ''}`}
      transform={`translate(${String(left)},${String(top)})`}
      onClick={() => {
        setPosition(b.i + 1)
      }}
      aria-label={`Step ${String(b.i + 1)}: ${b.thread} ${b.stepId} ${b.fn}`}
    >
      <title>{`${String(b.i + 1)}. ${b.thread} ${b.stepId} — ${b.fn}: ${b.title}${b.waits ? ' (waits)' : ''}`}</title>
      <rect width={STEP - GAP} height={height} rx={5} />
      <text x={6} y={14} className="block-id">
        {b.stepId}
        {b.waits ? ' · waits' : ''}
      </text>
      <text x={6} y={28} className="block-fn">
        {b.fn.length > 14 ? `${b.fn.slice(0, 13)}…` : b.fn}
      </text>
    </g>
  )
})
