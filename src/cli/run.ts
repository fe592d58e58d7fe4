import { UsageError } from './args'
import { errorLine, escapeControls } from './escape'

/**
 * Runs a CLI command: output on stdout, exit 0 whatever the verdict; bad input is one line on
 * stderr and exit status 2 (CONVENTIONS: command line). Whatever the error quotes from the input
 * is escaped and cut short, so the line stays one line and cannot drive the terminal.
 */
export function runCli(main: () => void): void {
  try {
    main()
  } catch (e) {
    if (e instanceof UsageError && e.help) {
      process.stdout.write(`${e.message}\n`)
      return
    }
    const text = e instanceof UsageError ? e.message : `error: ${e instanceof Error ? e.message : String(e)}`
    process.stderr.write(`${errorLine(text)}\n`)
    process.exitCode = 2
  }
}
/** A plain left-aligned text table, control characters escaped. */
export function table(cells: readonly (readonly string[])[]): string {
  // Cells come from scenario files: escaped, so a title cannot break a row or drive the terminal.
  const rows = cells.map((r) => r.map(escapeControls))
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

/** Lines for the terminal: each escaped (tables come escaped from `table`, one entry per table). */
export function printLines(lines: readonly (string | { readonly table: string })[]): void {
  process.stdout.write(
    `${lines.map((l) => (typeof l === 'string' ? escapeControls(l) : l.table)).join('\n')}\n`
  )
}
