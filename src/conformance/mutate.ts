import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { SCENARIO_DIR } from '../cli/scenarioFiles'
import { parseScenario, ScenarioError } from '../engine'

/** A real scenario file's text, for tests that break it one field at a time. */
export const good = readFileSync(join(SCENARIO_DIR, 'gup-fast-vs-thp-collapse.json'), 'utf8')

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test edits arbitrary fields
export type Json = Record<string, any>

/** The good scenario's text after `f` has changed its parsed form. */
export function mutate(f: (sc: Json) => void): string {
  const sc = JSON.parse(good) as Json
  f(sc)
  return JSON.stringify(sc)
}

/** The ScenarioError the loader gives for `text`; anything else thrown, or nothing, fails. */
export function errorOf(text: string): ScenarioError {
  try {
    parseScenario(text, 'my.json')
  } catch (e) {
    if (e instanceof ScenarioError) return e
    throw e
  }
  throw new Error('expected a ScenarioError')
}
