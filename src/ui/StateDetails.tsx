import type { Session } from '../state/session'
import { changesOf, under } from './changes'
import { lastCheck } from './checks'
import { Cpus } from './Cpus'
import { Extras } from './Extras'
import { FolioCard } from './FolioCard'
import { shows, useStateFocus } from './lecture/useStateFocus'
import { StateSummary } from './lecture/StateSummary'
import { Locks } from './Locks'
import { PageTables } from './PageTables'

/**
 * The mm state after `position` steps as detailed cards, with what the last step changed
 * highlighted. In lecture mode only the objects the step and the race touch are drawn; the rest
 * is summarised.
 */
export function StateDetails({ session, position }: { session: Session; position: number }) {
  const { replay, program } = session
  const state = replay.states[position] ?? program.initial
  const changes = changesOf(replay.records[position - 1]?.effects)
  const focus = useStateFocus(session, position)
  const folios = Object.entries(state.folios)
  const shownFolios = folios.filter(([id]) => shows(focus, `folios:${id}`))
  const keys = focus ? [...focus.keys] : []
  const tablesShown =
    !focus || focus.all || keys.some((k) => k.startsWith('pmds:') || k.startsWith('tables:'))
  const lockNames = [
    ...new Set([...Object.keys(program.scenario.initial.locks), ...Object.keys(state.locks)]),
  ].filter((n) => !n.startsWith('PG_locked:'))
  const locksShown = focus && !focus.all ? (n: string) => focus.keys.has(`locks:${n}`) : undefined
  const hidden = focus
    ? [
        ...(tablesShown ? [] : ['page tables']),
        ...folios.filter(([id]) => !shows(focus, `folios:${id}`)).map(([id]) => `folio ${id}`),
        ...lockNames.filter((n) => locksShown && !locksShown(n)),
        ...(focus.all ? [] : ['CPUs, VMAs and the rest']),
      ]
    : []
  return (
    <div className={`state-view${focus?.all ? ' all' : ''}`}>
      <StateSummary focus={focus} hidden={hidden} />
      {tablesShown && (
        <PageTables
          state={state}
          known={Object.keys(program.initial.pmds)}
          changes={changes}
          pageSize={program.world.pageSize}
          ptesPerTable={program.world.ptesPerTable}
        />
      )}
      {shownFolios.length > 0 && (
        <section className="folios" aria-label="Folios">
          {shownFolios.map(([id, f]) => (
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
      )}
      <Locks program={program} state={state} only={locksShown} />
      <Cpus program={program} state={state} changes={changes} />
      <Extras state={state} changes={changes} />
    </div>
  )
}
