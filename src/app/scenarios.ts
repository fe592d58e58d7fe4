import { validateScenario, type ScenarioFile } from '../engine'
import { userScenario } from '../state/userScenarios'

/**
 * The bundled scenarios, validated like any user file: a broken one is listed with its error
 * instead of taking the page down.
 */
const files = import.meta.glob<unknown>('../../scenarios/*.json', { eager: true, import: 'default' })

export interface Bundled {
  readonly file: string
  readonly scenario: ScenarioFile | null
  readonly error: string | null
}

export const bundled: readonly Bundled[] = Object.entries(files)
  .map(([path, json]): Bundled => {
    const file = path.replace(/^.*\//, 'scenarios/')
    try {
      return { file, scenario: validateScenario(json, file), error: null }
    } catch (e) {
      return { file, scenario: null, error: e instanceof Error ? e.message : String(e) }
    }
  })
  .sort((a, b) => a.file.localeCompare(b.file))

/** A scenario by id: the person's own (imported, edited, from a link) first, then the bundled ones. */
export function findScenario(id: string): ScenarioFile | undefined {
  return userScenario(id)?.scenario ?? bundled.find((b) => b.scenario?.id === id)?.scenario ?? undefined
}

/** A bundled scenario's file as written (before defaults are filled in), for the editor. */
export function bundledSource(id: string): unknown {
  const entry = Object.entries(files).find(([, json]) => (json as { id?: unknown } | null)?.id === id)
  return entry?.[1]
}
