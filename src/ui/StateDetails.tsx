import type { Session } from '../state/session'
import { changesOf, under } from './changes'
import { lastCheck } from './checks'
import { Cpus } from './Cpus'
import { Extras } from './Extras'
import { FolioCard } from './FolioCard'
import { Locks } from './Locks'
import { PageTables } from './PageTables'

/**
 * The mm state after `position` steps as text cards (the Details tab), with what the last step
 * changed highlighted.
 */
export function StateDetails({ session, position }: { session: Session; position: number }) {
  const { replay, program } = session
  const state = replay.states[position] ?? program.initial
  const changes = changesOf(replay.records[position - 1]?.effects)
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
            changes={under(changes, `folios:${id}.`)}
            check={lastCheck(replay, id, position)}
          />
        ))}
      </section>
      <Locks program={program} state={state} />
      <Cpus program={program} state={state} changes={changes} />
      <Extras state={state} changes={changes} />
    </div>
  )
}
