import { useMemo, useState } from 'react'

import { buildProgram, replay } from '../engine'
import { bundled } from './scenarios'

/**
 * A first page: the scenario list and each race's reported interleaving, step by step. The
 * timeline, state view and sharing come with the web-app issue.
 */
export function App() {
  const usable = bundled.filter((b) => b.scenario)
  const [id, setId] = useState(usable[0]?.scenario?.id ?? '')
  const scenario = usable.find((b) => b.scenario?.id === id)?.scenario ?? null
  const run = useMemo(() => {
    if (!scenario) return null
    const program = buildProgram(scenario, scenario.reported.with)
    return { program, result: replay(program, 'reported') }
  }, [scenario])

  return (
    <main className="page">
      <header>
        <h1>Interleave</h1>
        <p>Real Linux memory-management races, replayed CPU by CPU.</p>
      </header>
      <nav aria-label="Scenarios">
        <ul className="picker">
          {bundled.map((b) =>
            b.scenario ? (
              <li key={b.file}>
                <button
                  type="button"
                  aria-pressed={b.scenario.id === id}
                  onClick={() => {
                    setId(b.scenario?.id ?? '')
                  }}
                >
                  <strong>{b.scenario.title}</strong>
                  <span>{b.scenario.kernel}</span>
                </button>
              </li>
            ) : (
              <li key={b.file} role="alert">
                {b.error}
              </li>
            )
          )}
        </ul>
      </nav>
      {scenario && run && (
        <section aria-labelledby="reported">
          <h2 id="reported">{scenario.title}</h2>
          <p>{scenario.summary}</p>
          <ol className="steps">
            {run.result.records.map((rec, i) => {
              const step = run.program.threads
                .find((t) => t.letter === rec.thread)
                ?.steps.find((s) => s.spec.id === rec.stepId)
              return (
                <li key={i} data-thread={rec.thread}>
                  <span className="cpu">{rec.thread}</span>{' '}
                  <a href={step?.link} target="_blank" rel="noreferrer">
                    <code>{step?.spec.fn}</code>
                  </a>{' '}
                  {step?.spec.title}
                </li>
              )
            })}
          </ol>
          {run.result.outcomes.map((o) => {
            const spec = scenario.outcomes.find((x) => x.id === o)
            return spec?.severity === 'bad' ? (
              <p key={o} role="status" className="banner">
                <strong>{spec.title}.</strong> {spec.explain}
              </p>
            ) : null
          })}
        </section>
      )}
    </main>
  )
}
