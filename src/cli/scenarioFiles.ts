import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

import { MAX_SCENARIO_BYTES, parseScenario, type ScenarioFile } from '../engine'

/** The repository's scenarios/ folder, wherever the CLI is started from. */
export const SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios')

export function knownIds(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => basename(f, '.json'))
    .sort()
}

/** A scenario id from scenarios/, or a path to a scenario file of one's own. */
export function loadScenario(idOrPath: string): ScenarioFile {
  const looksLikePath = idOrPath.includes('/') || idOrPath.endsWith('.json')
  const file = looksLikePath ? resolve(idOrPath) : join(SCENARIO_DIR, `${idOrPath}.json`)
  if (!existsSync(file)) {
    if (looksLikePath) throw new Error(`${idOrPath}: no such file`)
    throw new Error(`unknown scenario '${idOrPath}' (known: ${knownIds().join(', ')})`)
  }
  if (statSync(file).size > MAX_SCENARIO_BYTES)
    throw new Error(`${idOrPath}: larger than ${String(MAX_SCENARIO_BYTES)} bytes`)
  return parseScenario(readFileSync(file, 'utf8'), looksLikePath ? idOrPath : `scenarios/${idOrPath}.json`)
}
