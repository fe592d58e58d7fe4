import type { ScenarioFile } from '../engine'
import { openScenario, session } from './actions'
import { useView } from './store'
import { putUserScenario, userScenario, type UserScenario } from './userScenarios'

/** Open a scenario the person brought, at its reported interleaving, at the start. */
export function openUserScenario(scenario: ScenarioFile, text: string, origin: UserScenario['origin']): void {
  putUserScenario({ scenario, text, origin })
  openScenario(scenario.id)
}

/**
 * The editor changed the scenario on screen: the timeline and state follow at once, keeping the
 * interleaving as far as it still runs (a new reported order is taken when the old one was it).
 */
export function updateUserScenario(scenario: ScenarioFile, text: string): void {
  const before = userScenario(scenario.id)?.scenario
  putUserScenario({ scenario, text, origin: 'editor' })
  const v = useView.getState()
  if (v.scenarioId !== scenario.id || before?.reported.schedule !== scenario.reported.schedule) {
    openScenario(scenario.id)
    return
  }
  useView.setState({ schedule: [...v.schedule], compareTo: null, selected: null })
  useView.setState({ position: Math.min(v.position, session()?.executed ?? 0) })
}
