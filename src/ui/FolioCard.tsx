import { memo } from 'react'

import { GUP_PIN_COUNTING_BIAS, type Folio, type LockState } from '../engine'
import { Changed } from './Changed'
import type { Changes } from './changes'
import type { FolioCheck } from './checks'

interface Props {
  readonly id: string
  readonly folio: Folio
  readonly lock: LockState | undefined
  /** What the last step changed in this folio, by field (`''` for the folio itself). */
  readonly changes: Changes
  /** The last refcount check made on this folio. */
  readonly check: FolioCheck | undefined
}

/**
 * A folio: counts, pins, lock, LRU and page-cache membership, data, and what just changed.
 * Memoized: a step re-renders only the folios it touched (their objects and changes are new).
 */
export const FolioCard = memo(function FolioCard({ id, folio, lock, changes: c, check }: Props) {
  const created = c.get('')
  const pins = folio.large ? folio.pincount : Math.floor(folio.refcount / GUP_PIN_COUNTING_BIAS)
  const holder = lock?.holders[0]?.t
  const waiters = lock?.waiters ?? []
  return (
    <article
      className={`card folio${folio.freed ? ' freed' : ''}${created ? ' fresh' : ''}`}
      aria-label={`Folio ${id}`}
    >
      <header>
        <h4>{id}</h4>
        <span className="tags">
          {folio.large && <span className="tag">large</span>}
          {folio.devicePrivate && <span className="tag">device-private</span>}
          {folio.anon ? <span className="tag">anon</span> : <span className="tag">file</span>}
          {folio.freed && <span className="tag bad">freed</span>}
          {folio.frozen && <span className="tag warn">frozen</span>}
        </span>
      </header>
      <dl>
        <dt>refcount</dt>
        <dd>
          <Changed change={c.get('refcount')}>
            <strong>{folio.refcount}</strong>
          </Changed>
          {check && (
            <span className={`expected ${check.ok ? 'ok' : 'bad'}`}>
              {' '}
              check at {check.by}: expected {check.expected}, saw {check.actual} {check.ok ? '✓' : '✗'}
            </span>
          )}
        </dd>
        <dt>mapcount</dt>
        <dd>
          <Changed change={c.get('mapcount')}>{folio.mapcount}</Changed>
        </dd>
        {(pins > 0 || folio.pincount > 0) && (
          <>
            <dt>pins</dt>
            <dd>
              {pins} {folio.large ? '(pincount)' : `(×${String(GUP_PIN_COUNTING_BIAS)} in refcount)`}
            </dd>
          </>
        )}
        <dt>PG_locked</dt>
        <dd>
          {holder ? `by ${holder}` : 'no'}
          {waiters.length > 0 &&
            ` · waiting: ${waiters.map((w) => `${w.t}${w.want === 'unlock-wait' ? ' (no ref)' : ''}`).join(', ')}`}
        </dd>
        <dt>LRU</dt>
        <dd>
          <Changed change={c.get('lru')}>{folio.lru ? 'on' : 'isolated'}</Changed>
        </dd>
        {folio.mapping && (
          <>
            <dt>mapping</dt>
            <dd>
              <Changed change={c.get('mapping')}>{folio.mapping}</Changed>
            </dd>
          </>
        )}
        <dt>data</dt>
        <dd className="data">
          <Changed change={c.get('content')}>{folio.content.map((x) => x || '∅').join(' | ')}</Changed>
        </dd>
      </dl>
    </article>
  )
})
