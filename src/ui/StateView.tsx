import type { Session } from '../state/session'
import { changesOf } from './changes'
import { Cpus } from './Cpus'
import { Extras } from './Extras'
import { FolioCard } from './FolioCard'
import { Locks } from './Locks'
import { PageTables } from './PageTables'

/** The mm state after `position` steps, with what the last step changed highlighted. */
export function StateView({ session, position }: { session: Session; position: number }) {
  const { replay, program } = session
  const state = replay.states[position] ?? program.initial
  const changes = changesOf(replay.records[position - 1]?.effects)
  // The last refcount check on each folio up to here: what the checking code expected.
  const checks = new Map<string, { expected: string; actual: string; ok: boolean; by: string }>()
  replay.records.slice(0, position).forEach((r) => {
    for (const e of r.effects)
      if (e.kind === 'check')
        checks.set(e.what.split(' ')[0] ?? '', {
          expected: e.expected,
          actual: e.actual,
          ok: e.ok,
          by: r.stepId,
        })
  })
  const folios = Object.entries(state.folios)
  return (
    <div className="state-view">
      <PageTables
        state={state}
        known={Object.keys(program.initial.pmds)}
        changes={changes}
        pageSize={program.world.pageSize}
        ptesPerTable={program.world.ptesPerTable}
      />
      <section className="folios" aria-label="Folios">
        {folios.map(([id, f]) => (
          <FolioCard
            key={id}
            id={id}
            folio={f}
            lock={state.locks[`PG_locked:${id}`]}
            changes={changes}
            check={checks.get(id)}
          />
        ))}
      </section>
      <Locks program={program} state={state} />
      <Cpus program={program} state={state} changes={changes} />
      <Extras state={state} changes={changes} />
    </div>
  )
}
