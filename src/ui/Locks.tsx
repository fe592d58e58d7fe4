import { own, type Program, type State } from '../engine'

/** Every declared lock (and any folio lock in use): holder, mode, and the queue in arrival order. */
export function Locks({
  program,
  state,
  only,
}: {
  program: Program
  state: State
  /** Lecture mode: only the locks the step and the race touch. */
  only?: ((name: string) => boolean) | undefined
}) {
  const names = [
    ...new Set([...Object.keys(program.scenario.initial.locks), ...Object.keys(state.locks)]),
  ].filter((n) => !n.startsWith('PG_locked:') && (!only || only(n)))
  if (names.length === 0) return null
  return (
    <section className="locks" aria-label="Locks">
      <table>
        <thead>
          <tr>
            <th scope="col">lock</th>
            <th scope="col">held by</th>
            <th scope="col">waiting (in order)</th>
          </tr>
        </thead>
        <tbody>
          {names.map((n) => {
            const l = own(state.locks, n)
            const kind = own(program.world.lockKinds, n) ?? (n.startsWith('ptl:') ? 'spin' : '')
            return (
              <tr key={n} className={l?.holders.length ? 'held' : ''}>
                <th scope="row">
                  {n} <span className="kind">{kind}</span>
                </th>
                <td>
                  {l?.holders
                    .map((h) => `${h.t}${h.mode === 'read' && kind === 'rwsem' ? ' (read)' : ''}`)
                    .join(', ') || '—'}
                </td>
                <td>
                  {l?.waiters
                    .map((w) => `${w.t}${w.mode === 'read' && kind === 'rwsem' ? ' (read)' : ''}`)
                    .join(' → ') || '—'}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </section>
  )
}
