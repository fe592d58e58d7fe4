import { memo, useState } from 'react'

import { closesSummary } from '../engine'
import { toggle } from '../state/actions'
import type { Session } from '../state/session'
import { ClosesList, OpenCount } from './ClosesList'
import { Linkified } from './Linkified'

const STATUS: Record<string, string> = {
  merged: 'merged',
  proposed: 'proposed, not merged',
  rejected: 'rejected in the thread',
  config: 'configuration',
}
const CLOSES: Record<string, string> = {
  yes: 'closes the race',
  no: 'does not close the race',
  partly: 'closes it only partly',
  'n/a': '',
}

/**
 * The fixes and switches of a race, each with its provenance shown on hover and on focus. The
 * tooltip closes on Esc and as soon as the pointer or the focus leaves.
 */
export const Toggles = memo(function Toggles({ session }: { session: Session }) {
  const on = new Set(session.program.toggles)
  const titles = new Map(session.scenario.outcomes.map((o) => [o.id, o.title]))
  const [open, setOpen] = useState<string | null>(null)
  const close = () => {
    setOpen(null)
  }
  return (
    <fieldset className="toggles">
      <legend>Fixes and switches</legend>
      {session.scenario.toggles.map((t) => {
        const p = t.provenance
        const tip = `tip-${t.id}`
        return (
          <div
            className={`toggle kind-${t.kind} status-${t.status}`}
            key={t.id}
            onPointerEnter={() => {
              setOpen(t.id)
            }}
            onPointerLeave={close}
            onFocus={() => {
              setOpen(t.id)
            }}
            onBlur={close}
            onKeyDown={(e) => {
              if (e.key !== 'Escape' || open !== t.id) return
              e.stopPropagation()
              close()
            }}
          >
            <label>
              <input
                type="checkbox"
                checked={on.has(t.id)}
                onChange={() => {
                  toggle(t.id)
                }}
                aria-describedby={tip}
              />
              <span className="toggle-title">{t.title}</span>{' '}
              <span className={`tag status ${t.status}`}>{STATUS[t.status]}</span>
              <OpenCount toggle={t} />
            </label>
            <div className={`tip${open === t.id ? ' open' : ''}`} id={tip} role="tooltip">
              <p>{t.description}</p>
              {CLOSES[closesSummary(t)] && (
                <p className={`closes ${closesSummary(t)}`}>{CLOSES[closesSummary(t)]}</p>
              )}
              <ClosesList toggle={t} titles={titles} />
              <p className="prov">
                {p.commit && (
                  <>
                    commit <code>{p.commit.slice(0, 12)}</code>{' '}
                  </>
                )}
                {p.subject && `“${p.subject}” `}
                {p.kernel && `(${p.kernel}) `}
                {p.by && `— ${p.by}`}
                {p.where && (
                  <span className="where">
                    {' '}
                    · <Linkified text={p.where} />
                  </span>
                )}
              </p>
            </div>
          </div>
        )
      })}
    </fieldset>
  )
})
