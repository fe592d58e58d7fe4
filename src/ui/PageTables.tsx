import { formatEntry, hex, own, type Entry, type State } from '../engine'
import { Changed } from './Changed'
import type { Changes } from './changes'

interface Props {
  readonly state: State
  /** PMD slots of the starting state: shown even when cleared. */
  readonly known: readonly string[]
  readonly changes: Changes
  readonly pageSize: number
  readonly ptesPerTable: number
}

function entryClass(e: Entry): string {
  return `entry entry-${e.k}`
}

/**
 * The page-table walk as a diagram: each mm's PMD slots, the PTE table each points to with its
 * entries, and the folio each entry maps. Tables that were unhooked (detached, deposited,
 * pending an RCU free, freed) are listed with their status: a walker may still hold one.
 */
export function PageTables({ state, known, changes, pageSize, ptesPerTable }: Props) {
  const span = pageSize * ptesPerTable
  const pmds = Object.entries(state.pmds)
  const hooked = new Set(pmds.flatMap(([, e]) => (e.k === 'table' ? [e.table] : [])))
  const mms = [
    ...new Set([
      ...Object.values(state.tables).map((t) => t.mm),
      ...[...pmds.map(([k]) => k), ...known].map((k) => k.slice(0, k.lastIndexOf(':'))),
    ]),
  ].sort()
  const slotsOf = (mm: string) => {
    // Slots that ever held something stay on screen, showing `none` once cleared.
    const fromState = [...pmds.map(([k]) => k), ...known].filter((k) => k.startsWith(`${mm}:`))
    const fromChanges = [...changes.keys()].filter((k) => k.startsWith(`pmds:${mm}:`)).map((k) => k.slice(5))
    return [...new Set([...fromState, ...fromChanges])].sort()
  }
  const table = (id: string) => {
    const t = own(state.tables, id)
    if (!t) return null
    const rows = Object.entries(t.ptes).sort(([a], [b]) => Number(a) - Number(b))
    const changedRows = [...changes.keys()]
      .filter((k) => k.startsWith(`tables:${id}.ptes.`))
      .map((k) => k.slice(`tables:${id}.ptes.`.length))
    const all = [...new Set([...rows.map(([k]) => k), ...changedRows])].sort((a, b) => Number(a) - Number(b))
    return (
      <div className={`ptable status-${t.status}`} key={id}>
        <div className="ptable-head">
          PTE table <strong>{id}</strong>{' '}
          <Changed change={changes.get(`tables:${id}.status`)}>
            <span className={`tag ${t.status === 'attached' ? '' : 'warn'}`}>{t.status}</span>
          </Changed>
        </div>
        {all.length === 0 && <div className="pte empty">all {ptesPerTable} entries none</div>}
        {all.map((idx) => {
          const e = t.ptes[idx] ?? { k: 'none' as const }
          return (
            <div className="pte" key={idx}>
              <span className="idx">[{idx}]</span>{' '}
              <Changed change={changes.get(`tables:${id}.ptes.${idx}`)}>
                <span className={entryClass(e)}>{formatEntry(e)}</span>
              </Changed>
            </div>
          )
        })}
      </div>
    )
  }
  const loose = Object.keys(state.tables).filter((id) => !hooked.has(id))
  return (
    <section className="pagetables" aria-label="Page tables">
      {mms.map((mm) => (
        <div className="mm" key={mm}>
          <h4>{mm}</h4>
          {slotsOf(mm).map((key) => {
            const e = state.pmds[key] ?? { k: 'none' as const }
            const base = Number(key.slice(key.lastIndexOf(':') + 1))
            return (
              <div className="walk" key={key}>
                <div className="pmd">
                  PMD {hex(base)}–{hex(base + span - 1)}:{' '}
                  <Changed change={changes.get(`pmds:${key}`)}>
                    <span className={entryClass(e)}>{formatEntry(e)}</span>
                  </Changed>
                </div>
                {e.k === 'table' && <div className="arrow">{table(e.table)}</div>}
              </div>
            )
          })}
        </div>
      ))}
      {loose.length > 0 && (
        <div className="mm loose">
          <h4>Tables no PMD points to</h4>
          {loose.map(table)}
        </div>
      )}
    </section>
  )
}
