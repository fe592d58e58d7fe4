import { validateScenario, type ScenarioFile } from '../engine'
import type { Notice } from './cells'
import { readDiagram } from './diagram'
import { buildScenario, type ImportOptions } from './scenario'

export { DiagramError, MAX_DIAGRAM_CHARS, readDiagram, type Diagram } from './diagram'
export { UNKNOWN_FILE, NO_FUNCTION, functionOf, type ImportOptions } from './scenario'
export type { Cell, Notice } from './cells'

/** A diagram turned into a scenario: the file as written (JSON), the same validated, and the notes. */
export interface Imported {
  readonly json: string
  readonly raw: Record<string, unknown>
  readonly scenario: ScenarioFile
  readonly notices: readonly Notice[]
}

/**
 * Read a column diagram (or a lockdep report) and produce a scenario that the loader has
 * validated like any file. Throws DiagramError when the text holds no diagram at all.
 */
export function importDiagram(text: string, opts: ImportOptions = {}): Imported {
  const d = readDiagram(text)
  const notices = [...d.notices]
  const raw = buildScenario(d, opts, notices)
  const scenario = validateScenario(raw, opts.id ?? 'imported-race')
  return { json: `${JSON.stringify(raw, null, 2)}\n`, raw, scenario, notices }
}

/** A notice as one line: `line 12: …`. */
export function formatNotice(n: Notice): string {
  return `${n.line > 0 ? `line ${String(n.line)}: ` : ''}${n.level === 'warning' ? 'ambiguous: ' : ''}${n.message}`
}
