import { formatValue, hex, type State } from '../engine'
import { Changed } from './Changed'
import type { Changes } from './changes'

/** VMAs, the page cache, the IOMMU, completions and counters: shown only where a race has them. */
export function Extras({ state, changes }: { state: State; changes: Changes }) {
  const vmas = Object.entries(state.vmas)
  const cache = Object.entries(state.pageCache)
  const iommus = Object.entries(state.iommus)
  const vars = Object.entries(state.vars).filter(([, v]) => v !== null)
  const rcu = Object.entries(state.rcu)
  return (
    <section className="extras" aria-label="VMAs, page cache and more">
      {vmas.length > 0 && (
        <div className="card">
          <h4>VMAs</h4>
          <ul>
            {vmas.map(([id, v]) => (
              <li key={id}>
                <strong>{id}</strong> ({v.mm}) [
                <Changed change={changes.get(`vmas:${id}.start`)}>{hex(v.start)}</Changed>,{' '}
                <Changed change={changes.get(`vmas:${id}.end`)}>{hex(v.end)}</Changed>) pgoff{' '}
                <Changed change={changes.get(`vmas:${id}.pgoff`)}>{v.pgoff}</Changed>
                {' · '}
                <Changed change={changes.get(`vmas:${id}.flags`)}>{v.flags.join('|')}</Changed>
                {' · anon_vma '}
                <Changed change={changes.get(`vmas:${id}.anonVma`)}>{v.anonVma ?? 'none'}</Changed>
              </li>
            ))}
          </ul>
        </div>
      )}
      {cache.length > 0 && (
        <div className="card">
          <h4>Page cache</h4>
          <ul>
            {cache.map(([k, f]) => (
              <li key={k}>
                {k} → <Changed change={changes.get(`pageCache:${k}`)}>{f}</Changed>
              </li>
            ))}
          </ul>
        </div>
      )}
      {iommus.map(([id, mmu]) => (
        <div className="card" key={id}>
          <h4>IOMMU {id}</h4>
          <p>
            cached table walks:{' '}
            {Object.entries(mmu.walkCache)
              .map(([k, t]) => `${k} → ${t}`)
              .join(', ') || 'none'}{' '}
            · IOTLB:{' '}
            {Object.entries(mmu.iotlb)
              .map(([k, p]) => `${hex(Number(k))} → ${p}`)
              .join(', ') || 'empty'}
          </p>
        </div>
      ))}
      {rcu.length > 0 && (
        <div className="card">
          <h4>RCU callbacks pending</h4>
          <ul>
            {rcu.map(([id, cb]) => (
              <li key={id}>
                free {cb.freeTable} after {cb.waitFor.join(', ')} leave their read sections
              </li>
            ))}
          </ul>
        </div>
      )}
      {vars.length > 0 && (
        <div className="card">
          <h4>Counters</h4>
          <ul className="inline">
            {vars.map(([k, v]) => (
              <li key={k}>
                {k} = <Changed change={changes.get(`vars:${k}`)}>{formatValue(v)}</Changed>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  )
}
