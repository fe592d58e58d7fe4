import type { ScenarioFile } from '../engine'

/**
 * Scenarios a person brought (imported, typed in the editor, or opened from a link's `src=`),
 * found wherever bundled ones are (`findScenario`). Each is kept with the text it was validated
 * from, so a link carries exactly that text. A user scenario with a bundled id shadows the
 * bundled one, and is marked as the person's own wherever it is shown.
 */
export interface UserScenario {
  readonly scenario: ScenarioFile
  /** The JSON text, as validated by the loader. */
  readonly text: string
  /** Where it came from, for the page to say. */
  readonly origin: 'import' | 'editor' | 'link'
}

const registry = new Map<string, UserScenario>()
let revision = 0

export function putUserScenario(u: UserScenario): void {
  registry.set(u.scenario.id, u)
  revision++
}

export function userScenario(id: string): UserScenario | undefined {
  return registry.get(id)
}

export function userScenarios(): readonly UserScenario[] {
  return [...registry.values()]
}

/** Bumped on every change: derived sessions and checks are keyed on it. */
export function userRevision(): number {
  return revision
}
