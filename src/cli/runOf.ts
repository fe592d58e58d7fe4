import { buildProgram, complete, parseSchedule, scheduleText, type Completed, type Program } from '../engine'
import type { ScenarioFile } from '../engine'

/**
 * The program and completed run a command's flags ask for: `reported` with no `--with` takes
 * the toggles the report names, as `replay` does. A schedule that is malformed is bad input.
 */
export function runOf(
  sc: ScenarioFile,
  schedule: string,
  toggles: readonly string[]
): { program: Program; run: Completed; requested: string } {
  const isReported = schedule.trim().toLowerCase() === 'reported'
  const program = buildProgram(sc, isReported && toggles.length === 0 ? sc.reported.with : toggles)
  const requested = scheduleText(program, schedule)
  return { program, run: complete(program, parseSchedule(requested)), requested }
}
