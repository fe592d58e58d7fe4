import { identLink, stepOf } from '../engine'
import type { Session } from '../state/session'

function Confidence({ level }: { level: string }) {
  if (level === 'verified') return null
  return (
    <span
      className={`tag ${level === 'inferred' ? 'warn' : 'bad'}`}
      title="How sure the research note is of this step"
    >
      {level === 'inferred' ? 'inferred, not verified in a source' : 'unverified'}
    </span>
  )
}

/** The step just taken, explained; then each thread's next step, with a link to its source. */
export function Narration({ session, position }: { session: Session; position: number }) {
  const { replay, program, scenario } = session
  const rec = replay.records[position - 1]
  const step = rec ? stepOf(program, rec.thread, rec.stepId) : undefined
  const state = replay.states[position] ?? program.initial
  return (
    <section className="narration" aria-label="Narration">
      {rec && step ? (
        <article className="now">
          <h3>
            Step {position}: <span className={`cpu cpu-${rec.thread}`}>{rec.thread}</span>{' '}
            {step.link ? (
              <a href={step.link} target="_blank" rel="noreferrer">
                {step.spec.fn}
              </a>
            ) : (
              step.spec.fn
            )}{' '}
            <span className="file">
              ({step.spec.file.replace(/^\((.*)\)$/, '$1')}, {step.spec.kernel ?? scenario.kernel})
            </span>
          </h3>
          <p className="title">
            {step.spec.title}
            {rec.kind === 'wait' && <strong> — waits: {rec.blockedAfter}</strong>}{' '}
            <Confidence level={step.spec.confidence} />
          </p>
          <p>{step.spec.explain}</p>
          {rec.effects.some((e) => e.kind === 'check') && (
            <p className="check">
              {rec.effects.map((e, i) =>
                e.kind === 'check' ? (
                  <span key={i} className={e.ok ? 'ok' : 'bad'}>
                    {e.what}: {e.actual}, expected {e.expected} {e.ok ? '✓' : '✗'}
                  </span>
                ) : null
              )}
            </p>
          )}
        </article>
      ) : (
        <article className="now">
          <h3>{scenario.title}</h3>
          <p>{scenario.description ?? scenario.summary}</p>
          <p className="hint">
            Step with → (or the Forward button), or press a thread&apos;s letter to run it next.
          </p>
        </article>
      )}
      <ul className="next-steps" aria-label="What each thread does next">
        {program.threads
          .filter((t) => t.active)
          .map((t) => {
            const th = state.threads[t.letter]
            const next = th ? t.steps[th.pc] : undefined
            return (
              <li key={t.letter}>
                <span className={`cpu cpu-${t.letter}`}>{t.letter}</span>{' '}
                {next ? (
                  <>
                    <a
                      href={next.link || undefined}
                      target="_blank"
                      rel="noreferrer"
                      title={`${next.spec.file} at ${next.spec.kernel ?? scenario.kernel}`}
                    >
                      {next.spec.fn}
                    </a>
                    : {next.spec.title}
                    {th?.blocked && <em> (blocked)</em>}{' '}
                    <a
                      className="ident"
                      href={identLink(next.spec.kernel ?? scenario.kernel, next.spec.fn)}
                      target="_blank"
                      rel="noreferrer"
                      aria-label={`Where ${next.spec.fn} is used`}
                    >
                      ⌕
                    </a>
                  </>
                ) : (
                  <em>finished</em>
                )}
              </li>
            )
          })}
      </ul>
    </section>
  )
}
