import { whyNotRunnable } from '../engine'
import { command } from '../app/commands'
import { runThread, setSpeed, stepBack, stepForward, toEnd, toStart, togglePlay } from '../state/actions'
import type { Session } from '../state/session'
import { HistoryButtons } from './HistoryButtons'
import { Icon } from './Icon'
import { useView } from '../state/store'

function Key({
  id,
  label,
  onClick,
  disabled,
  children,
}: {
  id: string
  label: string
  onClick: () => void
  disabled?: boolean
  children: React.ReactNode
}) {
  const c = command(id)
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      aria-keyshortcuts={c.aria}
      title={`${label} (${c.keys})`}
    >
      {children}
    </button>
  )
}

/** Stepping, playing, and choosing which CPU runs next. */
export function Controls({ session, position }: { session: Session; position: number }) {
  const playing = useView((s) => s.playing)
  const speed = useView((s) => s.speed)
  const state = session.replay.states[position] ?? session.program.initial
  return (
    <div className="controls" role="toolbar" aria-label="Stepping">
      <Key id="start" label="Jump to the start" onClick={toStart} disabled={position === 0}>
        <Icon name="start" />
      </Key>
      <Key id="back" label="Step back" onClick={stepBack} disabled={position === 0}>
        <Icon name="back" />
      </Key>
      <Key id="play" label={playing ? 'Pause' : 'Play'} onClick={togglePlay}>
        <Icon name={playing ? 'pause' : 'play'} />
      </Key>
      <Key id="forward" label="Step forward" onClick={stepForward} disabled={position >= session.executed}>
        <Icon name="forward" />
      </Key>
      <Key id="end" label="Jump to the end" onClick={toEnd} disabled={position >= session.executed}>
        <Icon name="end" />
      </Key>
      <label className="speed">
        speed{' '}
        <select
          value={speed}
          onChange={(e) => {
            setSpeed(Number(e.target.value))
          }}
          aria-label="Playback speed (steps per second)"
        >
          {[0.5, 1, 2, 4, 8].map((s) => (
            <option key={s} value={s}>
              {s}/s
            </option>
          ))}
        </select>
      </label>
      <span className="position" aria-live="off">
        step <strong>{position}</strong> / {session.executed}
      </span>
      <span className="run" role="group" aria-label="Run a thread next">
        {session.program.threads
          .filter((t) => t.active)
          .map((t) => {
            const why = whyNotRunnable(session.program, state, t.letter)
            return (
              <button
                key={t.letter}
                type="button"
                className={`cpu-btn cpu-${t.letter}`}
                onClick={() => runThread(t.letter)}
                disabled={why !== null}
                aria-keyshortcuts={t.letter}
                aria-label={`Run ${t.name} next`}
                title={why ?? `Run ${t.letter} next (${t.letter.toLowerCase()})`}
              >
                run {t.letter}
              </button>
            )
          })}
      </span>
      <HistoryButtons />
    </div>
  )
}
