import { bundled } from '../app/scenarios'
import { openScenario } from '../state/actions'

/** The races, each with its kernel version and one-line summary. */
export function ScenarioPicker() {
  return (
    <section className="picker" aria-labelledby="pick">
      <h2 id="pick">Pick a race</h2>
      <ul>
        {bundled.map((b) =>
          b.scenario ? (
            <li key={b.file}>
              <button
                type="button"
                className="scenario-card"
                onClick={() => {
                  openScenario(b.scenario?.id ?? '')
                }}
              >
                <span className="kernel">{b.scenario.kernel}</span>
                <strong>{b.scenario.title}</strong>
                <span>{b.scenario.summary}</span>
              </button>
            </li>
          ) : (
            <li key={b.file} className="broken" role="alert">
              {b.error}
            </li>
          )
        )}
      </ul>
    </section>
  )
}
