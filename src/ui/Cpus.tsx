import { formatValue, whyNotRunnable, type Program, type State } from '../engine'
import { Changed } from './Changed'
import { under, type Changes } from './changes'
import { threadTitle } from './threadTitle'

/** Per CPU (thread): what it runs next or waits for, IRQs, RCU, IPIs, TLB and its local snapshots. */
export function Cpus({ program, state, changes }: { program: Program; state: State; changes: Changes }) {
  return (
    <section className="cpus" aria-label="CPUs">
      {program.threads
        .filter((t) => t.active)
        .map((t) => {
          const th = state.threads[t.letter]
          if (!th) return null
          const c = under(changes, `threads:${t.letter}.`)
          const why = whyNotRunnable(program, state, t.letter)
          const next = t.steps[th.pc]
          const tlb = Object.entries(th.tlb)
          const locals = Object.entries(th.locals)
          return (
            <article
              key={t.letter}
              className={`card cpu-card cpu-${t.letter}${th.blocked ? ' is-blocked' : ''}`}
              aria-label={`Thread ${t.letter}`}
            >
              <header>
                <h4>
                  <span className={`cpu cpu-${t.letter}`}>{t.letter}</span> {threadTitle(t.name)}
                </h4>
              </header>
              <p className="status">{why ?? (next ? `next: ${next.spec.id} ${next.spec.fn}` : 'finished')}</p>
              <dl>
                {t.cpu && (
                  <>
                    <dt>IRQs</dt>
                    <dd>
                      <Changed change={c.get('irqsOff')}>{th.irqsOff ? 'off' : 'on'}</Changed>
                      {th.rcuDepth > 0 && ` · RCU reader ×${String(th.rcuDepth)}`}
                    </dd>
                  </>
                )}
                {th.pendingIpis.length > 0 && (
                  <>
                    <dt>pending IPIs</dt>
                    <dd>{th.pendingIpis.map((i) => `${i.action} from ${i.from}`).join(', ')}</dd>
                  </>
                )}
                {t.cpu && (
                  <>
                    <dt>TLB</dt>
                    <dd>
                      {tlb.length === 0
                        ? 'empty'
                        : tlb.map(([k, v]) => `${k.slice(k.indexOf(':') + 1)}→${v}`).join(', ')}
                      {[...c.keys()]
                        .filter((k) => k.startsWith('tlb.') && c.get(k)?.after === 'none')
                        .map((k) => (
                          <span key={k} className="changed">
                            {' '}
                            (flushed {k.slice(k.lastIndexOf(':') + 1)})
                          </span>
                        ))}
                    </dd>
                  </>
                )}
                {locals.map(([k, v]) => (
                  <div key={k} className="local">
                    <dt>{k}</dt>
                    <dd>
                      <Changed change={c.get(`locals.${k}`)}>{formatValue(v)}</Changed>
                    </dd>
                  </div>
                ))}
              </dl>
            </article>
          )
        })}
    </section>
  )
}
