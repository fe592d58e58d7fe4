import { ScenarioError, ScheduleSyntaxError } from '../engine'
import { UsageError } from './args'

/**
 * Runs a CLI command: output on stdout, exit 0 whatever the verdict; bad input is one line on
 * stderr and exit status 2 (CONVENTIONS: command line).
 */
export function runCli(main: () => void): void {
  try {
    main()
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`)
      process.exitCode = 2
      return
    }
    const known = e instanceof ScenarioError || e instanceof ScheduleSyntaxError || e instanceof Error
    process.stderr.write(`error: ${known ? (e.message.split('\n')[0] ?? '') : String(e)}\n`)
    process.exitCode = 2
  }
}

/** A plain left-aligned text table. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)))
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}
