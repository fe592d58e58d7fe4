import { useEffect, useMemo, useRef } from 'react'

import { describeEnding, DEADLOCK, formatSchedule } from '../../engine'
import { align, type Side } from '../../diff/align'
import { closeDiff } from '../../state/actions'
import { runFor, type Session } from '../../state/session'
import type { ViewState } from '../../state/store'
import './diff.css'

const FIELDS = 6

/**
 * Two interleavings of the same race side by side (lazy-loaded: only this view needs the
 * alignment). The first is the page's run; the second is `vs` (link `vs=` / `vswith=`). Rows
 * align the steps both runs take; the first divergence is marked, and each aligned row lists
 * the state fields that differ after that step.
 */
export default function DiffView({
  session,
  vs,
  toggles,
  schedule,
}: {
  session: Session
  vs: NonNullable<ViewState['vs']>
  /** The first run's toggles and schedule as requested: the second run's defaults. */
  toggles: readonly string[]
  schedule: readonly string[]
}) {
  const a: Side = useMemo(() => ({ program: session.program, run: session.replay }), [session])
  const second = useMemo(
    () => runFor(session.scenario, vs.toggles ?? toggles, vs.schedule ?? schedule),
    [session, vs, toggles, schedule]
  )
  const al = useMemo(
    () => (second ? align(a, { program: second.program, run: second.replay }) : null),
    [a, second]
  )
  const first = useRef<HTMLTableRowElement>(null)
  useEffect(() => {
    first.current?.scrollIntoView({ block: 'nearest' })
  }, [al])
  if (!second || !al)
    return (
      <section className="diff" aria-label="Two runs side by side">
        <p className="banner bad">The second run's toggles cannot be combined; it cannot be shown.</p>
      </section>
    )
  const b: Side = { program: second.program, run: second.replay }
  const titles = new Map([...session.scenario.outcomes, DEADLOCK].map((o) => [o.id, o]))
  const head = (s: Side, name: string) => (
    <div className="diff-side">
      <h3>{name}</h3>
      <p>
        <code>{formatSchedule(s.run.executed)}</code> · toggles: {s.program.toggles.join(', ') || 'none'}
      </p>
      <p>
        Ends: {describeEnding(s.program, s.run)}.{' '}
        {s.run.outcomes.map((id) => (
          <span key={id} className={`tag ${titles.get(id)?.severity ?? 'bad'}`}>
            {titles.get(id)?.title ?? id}
          </span>
        ))}
      </p>
    </div>
  )
  const d = al.change
  return (
    <section className="diff" aria-labelledby="diff-title">
      <div className="diff-head">
        <h2 id="diff-title">Two runs side by side</h2>
        <button type="button" onClick={closeDiff}>
          Close the comparison
        </button>
      </div>
      <div className="diff-sides">
        {head(a, 'This run')}
        {head(b, 'Compared with')}
      </div>
      <p className="diff-first" role="status">
        {d
          ? `First divergence at step ${String(d.index + 1)}: this run ${d.before}; the other ${d.after}.`
          : 'The two runs take the same steps.'}
      </p>
      <div className="diff-scroll">
        <table className="diff-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">this run</th>
              <th scope="col">#</th>
              <th scope="col">compared with</th>
              <th scope="col">state fields that differ after the step (this run → the other)</th>
            </tr>
          </thead>
          <tbody>
            {al.rows.map((row, k) => {
              const ra = row.a === null ? undefined : a.run.records[row.a]
              const rb = row.b === null ? undefined : b.run.records[row.b]
              const same = row.a !== null && row.b !== null
              return (
                <tr
                  key={k}
                  ref={k === al.first ? first : undefined}
                  className={`${k === al.first ? 'first ' : ''}${same ? 'both' : row.a === null ? 'only-b' : 'only-a'}`}
                >
                  <td className="n">{row.a === null ? '' : row.a + 1}</td>
                  <td className={ra ? `cpu-${ra.thread}` : 'gap'}>{ra ? row.words : '—'}</td>
                  <td className="n">{row.b === null ? '' : row.b + 1}</td>
                  <td className={rb ? `cpu-${rb.thread}` : 'gap'}>
                    {same ? 'same step' : rb ? row.words : '—'}
                  </td>
                  <td className="fields">
                    {row.fields.slice(0, FIELDS).map((f) => (
                      <span key={f.path} className="field">
                        <code>{f.path}</code> {f.a} → {f.b}
                      </span>
                    ))}
                    {row.fields.length > FIELDS && (
                      <span
                        className="more"
                        title={row.fields
                          .slice(FIELDS)
                          .map((f) => `${f.path}: ${f.a} → ${f.b}`)
                          .join('\n')}
                      >
                        +{row.fields.length - FIELDS} more
                      </span>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
