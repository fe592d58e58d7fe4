import { parseScenario, ScenarioError, type ScenarioFile } from '../engine'
import { spanOf } from './jsonPath'

/** The editor's text checked by the CLI's own loader: the scenario, or the error and where it is. */
export type Checked =
  | { readonly ok: true; readonly scenario: ScenarioFile }
  | { readonly ok: false; readonly message: string; readonly from: number; readonly to: number }

export const EDITOR_FILE = 'editor'

export function check(text: string): Checked {
  try {
    return { ok: true, scenario: parseScenario(text, EDITOR_FILE) }
  } catch (e) {
    // Anything else the loader throws (a nesting too deep for the stack) is still a message here.
    if (!(e instanceof ScenarioError))
      return {
        ok: false,
        message: `${EDITOR_FILE}: ${e instanceof Error ? e.message : String(e)}`,
        from: 0,
        to: 0,
      }
    if (e.path === '(json)') {
      // V8 and others say where JSON.parse stopped: "… at position 123" / "(line 4 column 7)".
      const pos = /position (\d+)/.exec(e.problem)
      const at = pos ? Math.min(Number(pos[1]), text.length) : text.length
      return { ok: false, message: e.message, from: Math.max(0, at - 1), to: Math.min(text.length, at + 1) }
    }
    const span = spanOf(text, e.path) ?? { from: 0, to: Math.min(1, text.length) }
    return { ok: false, message: e.message, ...span }
  }
}
