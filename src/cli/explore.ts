import { performance } from 'node:perf_hooks'

import { buildProgram, explore } from '../engine'
import { parseArgs } from './args'
import { safeJson } from './escape'
import { printLines, runCli, table } from './run'
import { loadScenario } from './scenarioFiles'

const USAGE =
  'usage: npm run explore -- <scenario-id or file> [--with <toggle>]... [--max-states N] [--max-ms N] [--reduce] [--no-symmetry] [--json]'

runCli(() => {
  const args = parseArgs(process.argv.slice(2), USAGE)
  const program = buildProgram(loadScenario(args.target), args.with)
  const t0 = performance.now()
  const r = explore(program, {
    ...(args.maxStates !== null && { maxStates: args.maxStates }),
    ...(args.maxMillis !== null && { maxMillis: args.maxMillis }),
    now: () => performance.now(),
    reduce: args.reduce,
    symmetry: args.symmetry,
  })
  const elapsedMs = Math.round((performance.now() - t0) * 10) / 10
  if (args.json) {
    process.stdout.write(`${safeJson({ ...r, elapsedMs })}\n`)
    return
  }
  const lines: (string | { table: string })[] = [
    `${r.scenario}  toggles: ${r.toggles.join(', ') || '(none)'}`,
    `${r.complete ? 'complete' : (r.incompleteReason ?? 'incomplete')}: ${String(r.states)} states, ${String(r.transitions)} transitions, ${String(r.terminalStates)} terminal, depth ${String(r.maxDepth)}, ${String(elapsedMs)} ms${r.reduced ? ' (partial-order reduced)' : ''}${r.symmetry > 1 ? ` (symmetry: a state stands for up to ${String(r.symmetry)} arrangements of interchangeable threads; counts and schedules are real)` : ''}`,
    `complete interleavings: ${r.interleavings ?? 'not counted'}`,
    '',
    {
      table: table([
        ['outcome', 'severity', 'reachable', 'interleavings', 'shortest schedule', 'fewest switches'],
        ...r.outcomes.map((o) => [
          o.id,
          o.severity,
          String(o.reachable),
          o.interleavings ?? '-',
          (o.cycle ? `${o.cycle.prefix} then repeat ${o.cycle.repeat}` : (o.shortest ?? '-')) +
            (o.shortestSwitches != null ? ` (${String(o.shortestSwitches)} switches)` : ''),
          o.fewestSwitches
            ? `${o.fewestSwitches.schedule} (${String(o.fewestSwitches.switches)} switches, ${String(o.fewestSwitches.steps)} steps)`
            : '-',
        ]),
      ]),
    },
  ]
  for (const e of r.errors) lines.push(`model error after ${e.schedule}: ${e.message}`)
  printLines(lines)
})
