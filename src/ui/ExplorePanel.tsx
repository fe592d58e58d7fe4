import { memo, useEffect } from 'react'
import { useShallow } from 'zustand/react/shallow'

import { allOutcomes, formatSchedule, isLivelock, parseSchedule } from '../engine'
import { loadSchedule } from '../state/actions'
import {
  cancelRun,
  exploreKey,
  prepareExplore,
  resetExplore,
  runExplore,
  setBudget,
  useExplore,
} from '../state/explore'
import type { Session } from '../state/session'
import { Simplest } from './Simplest'
import { useView } from '../state/store'
import './explorePanel.css'

const fmt = (n: number) => n.toLocaleString('en-US')
/** The search's rate: the quick walks' time is not search time. */
const perSecond = (states: number, ms: number) => (ms > 0 ? (states / ms) * 1000 : 0)
const seconds = (ms: number) => (ms < 1000 ? `${String(Math.round(ms))} ms` : `${(ms / 1000).toFixed(2)} s`)
const big = (s: string | null) =>
  s === null
    ? '?'
    : s === 'unbounded'
      ? 'unboundedly many'
      : /^\d+$/.test(s)
        ? BigInt(s).toLocaleString('en-US')
        : s

/**
 * "Does any interleaving still break?": exhaustive exploration in a Web Worker, with live
 * progress, a state budget and Cancel. Results count complete interleavings exactly, show the
 * shortest schedule to each outcome (and a few others), and load any of them with one click.
 */
export const ExplorePanel = memo(function ExplorePanel({ session }: { session: Session }) {
  const ex = useExplore(useShallow((s) => s))
  const scenarioId = useView((s) => s.scenarioId)
  const key = exploreKey()
  useEffect(() => {
    prepareExplore()
    return () => {
      resetExplore()
    }
  }, [scenarioId])
  useEffect(() => {
    // Toggling a fix re-runs the check once it has been asked for.
    const { auto, key: k } = useExplore.getState()
    if (auto && k !== key) runExplore()
  }, [key])
  const current = ex.key === key
  const r = current ? ex.result : null
  const livelock = r?.outcomes.find((o) => o.cycle)
  const bad = r?.outcomes.filter((o) => o.severity === 'bad' && o.reachable === true) ?? []
  const running = current && ex.status === 'running'
  const early = running ? firstBad(session, ex.reached) : null
  // Every state visited and none bad: the answer is known before the counting ends, unless the
  // question is a livelock, which only the cycle analysis after the search can answer.
  const safe =
    running && !early && ex.searched?.complete === true && !session.program.scenario.outcomes.some(isLivelock)
  const rate = ex.progress ? perSecond(ex.progress.states, ex.progress.elapsed - ex.progress.walkMs) : 0
  return (
    <section className="explore" aria-labelledby="explore-title">
      <h2 id="explore-title">Every interleaving</h2>
      <div className="explore-controls">
        {ex.status === 'running' && current ? (
          <button type="button" onClick={cancelRun}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={runExplore}>
            Check every interleaving
          </button>
        )}
        <label>
          budget{' '}
          <select
            value={ex.maxStates}
            onChange={(e) => {
              setBudget(Number(e.target.value))
            }}
            aria-label="State budget"
          >
            {[10_000, 100_000, 1_000_000, 2_000_000, 5_000_000].map((n) => (
              <option key={n} value={n}>
                {fmt(n)} states
              </option>
            ))}
          </select>
        </label>
        <span className="verdict" role="status" aria-live="polite">
          {early && (
            <>
              <span className="badge bad early">
                {early.livelock
                  ? `Breaks: a livelock is reachable (a quick search found a fair cycle with no progress, ${String(early.steps)} steps in, after ${seconds(early.elapsed)}); analysing the whole graph…`
                  : early.shortest
                    ? `Breaks: ${early.title} is reachable (shortest ${String(early.steps)} steps, found after ${seconds(early.elapsed)}); counting every interleaving…`
                    : `Breaks: ${early.title} is reachable (a quick search found a ${String(early.steps)}-step schedule after ${seconds(early.elapsed)}); searching every interleaving for the shortest and the count…`}
              </span>{' '}
              <button
                type="button"
                className="load"
                onClick={() => {
                  loadSchedule(early.schedule)
                }}
              >
                load it
              </button>
            </>
          )}{' '}
          {safe && (
            <span className="badge good early">
              No interleaving breaks: all {fmt(ex.searched.states)} states searched; counting every
              interleaving…
            </span>
          )}{' '}
          {ex.status === 'running' && current && (
            // The counts change on every tick: shown, not announced (the verdict around it is).
            <span aria-live="off" className="progress">
              exploring… {fmt(ex.progress?.states ?? 0)} states, {fmt(ex.progress?.transitions ?? 0)}{' '}
              transitions, {fmt(Math.round(rate))} states/s, {((ex.progress?.elapsed ?? 0) / 1000).toFixed(1)}{' '}
              s
            </span>
          )}
          {ex.status === 'cancelled' && current && 'cancelled'}
          {ex.status === 'error' && current && `the explorer failed: ${ex.error ?? ''}`}
          {r && (
            <Badge
              complete={r.complete}
              reason={r.incompleteReason}
              broken={r.broken}
              total={r.interleavings}
              bad={bad.map((o) => o.title)}
              livelock={livelock !== undefined}
            />
          )}
        </span>
      </div>
      {r && (
        <>
          <p className="explore-stats">
            {fmt(r.states)} states, {fmt(r.transitions)} transitions, {(ex.elapsed / 1000).toFixed(2)} s
            {ex.walkMs >= 1 && ` (${seconds(ex.walkMs)} of it quick walks)`}
            {ex.elapsed > ex.walkMs &&
              `, ${fmt(Math.round(perSecond(r.states, ex.elapsed - ex.walkMs)))} states/s`}
            {r.symmetry > 1 &&
              ` · interchangeable threads: each state stands for up to ${String(r.symmetry)} arrangements of them (counts and schedules are of the real runs)`}
            {r.errors.length > 0 &&
              ` · ${String(r.errors.length)} model error(s): ${r.errors[0]?.message ?? ''}`}
          </p>
          {/* Roles spelled out: the phone layout (app.css) displays the table as blocks. */}
          <table className="outcome-table" role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  outcome
                </th>
                <th scope="col" role="columnheader">
                  reachable
                </th>
                <th scope="col" role="columnheader">
                  interleavings
                </th>
                <th scope="col" role="columnheader">
                  schedules (load one)
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {r.outcomes.map((o) => (
                <tr
                  key={o.id}
                  role="row"
                  className={`${o.severity}${o.reachable === true ? ' reached' : ''}`}
                >
                  <th scope="row" role="rowheader">
                    {o.title} <span className="tag">{o.severity}</span>
                  </th>
                  <td role="cell" className="reach">
                    {o.reachable === 'unknown' ? 'unknown' : o.reachable ? 'yes' : 'no'}
                  </td>
                  <td role="cell" className="count">
                    {o.cycle ? 'a cycle' : big(o.interleavings)}
                  </td>
                  <td role="cell">
                    {[o.shortest, ...o.others]
                      .filter((x): x is string => x !== null)
                      .map((sch, i) => (
                        <button
                          key={sch}
                          type="button"
                          className="load"
                          onClick={() => {
                            loadSchedule(o.cycle ? `${o.cycle.prefix}${o.cycle.repeat}` : sch)
                          }}
                          aria-label={`${i === 0 ? `shortest (${String(o.steps ?? 0)} steps)` : `#${String(i + 1)}`}: Load ${i === 0 ? 'the shortest' : 'another'} schedule reaching ${o.title}`}
                          title={sch}
                        >
                          {i === 0 ? `shortest (${String(o.steps ?? 0)} steps)` : `#${String(i + 1)}`}
                        </button>
                      ))}
                    <Simplest o={o} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {livelock?.cycle && (
            <div className="cycle">
              <p>
                <strong>The livelock cycle:</strong> after <code>{livelock.cycle.prefix}</code>, the steps{' '}
                <code>{livelock.cycle.repeat}</code> repeat forever and no migration ever completes. Threads
                running in it: {[...new Set(parseSchedule(livelock.cycle.repeat))].join(', ')}.{' '}
                {livelock.cycle.alwaysEnabled.length > 0
                  ? `Every thread enabled all along (${livelock.cycle.alwaysEnabled.join(', ')}) runs in it, so the cycle is fair.`
                  : 'No thread is enabled all the way round (each waits for another at some point), so no thread is left unscheduled: the cycle is fair.'}
              </p>
              <CycleSteps session={session} prefix={livelock.cycle.prefix} repeat={livelock.cycle.repeat} />
            </div>
          )}
        </>
      )}
    </section>
  )
})

function Badge(p: {
  complete: boolean
  reason: string | null
  broken: string | null
  total: string | null
  bad: string[]
  livelock: boolean
}) {
  if (!p.complete) return <span className="badge final warn">{p.reason ?? 'incomplete'}: no verdict</span>
  if (p.livelock)
    return <span className="badge final bad">livelock reachable: a fair cycle never makes progress</span>
  if (p.bad.length === 0)
    return (
      <span className="badge final good">
        {p.total === null || /^\d+$/.test(p.total)
          ? `0 of ${big(p.total)} interleavings break`
          : 'No interleaving breaks'}
      </span>
    )
  return (
    <span className="badge final bad">
      {p.total !== null && !/^\d+$/.test(p.total)
        ? `Some interleavings break (${p.bad.join(', ')})`
        : `${big(p.broken)} of ${big(p.total)} interleavings break`}
    </span>
  )
}

/** The first bad outcome a running check has met, with its title, if any. */
function firstBad(session: Session, reached: ReturnType<typeof useExplore.getState>['reached']) {
  const outcomes = allOutcomes(session.program)
  const bad = reached.flatMap((r) => {
    const o = outcomes.find((x) => x.id === r.outcome)
    return o?.severity === 'bad' ? [{ ...r, title: o.title, livelock: isLivelock(o) }] : []
  })
  // The exhaustive search's shortest schedule, once it has one; until then the quick walks'.
  return bad.find((r) => r.shortest) ?? bad[0] ?? null
}

/** The steps of the livelock cycle, by thread, as the kernel functions they run. */
function CycleSteps({ session, prefix, repeat }: { session: Session; prefix: string; repeat: string }) {
  const loaded = useView(
    (v) => formatSchedule(v.schedule) === formatSchedule(parseSchedule(`${prefix}${repeat}`))
  )
  const n = (s: string) => parseSchedule(s).length
  const start = n(prefix)
  if (!loaded)
    return (
      <p className="hint">
        Load the cycle (the livelock row above) to see its steps here and in the timeline.
      </p>
    )
  const steps = session.replay.records.slice(start, start + n(repeat))
  return (
    <ol className="cycle-steps">
      {steps.map((r, i) => (
        <li key={i}>
          <span className={`cpu cpu-${r.thread}`}>{r.thread}</span> {r.stepId}
        </li>
      ))}
    </ol>
  )
}
