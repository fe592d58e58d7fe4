import {
  buildProgram,
  complete,
  describeEnding,
  formatSchedule,
  replay,
  scheduleText,
  stepOf,
  type Completed,
} from '../engine'
import { parseArgs, UsageError } from './args'
import { errorLine, safeJson } from './escape'
import { printLines, runCli, table } from './run'
import { loadScenario } from './scenarioFiles'

const USAGE =
  'usage: npm run replay -- <scenario-id or file> --schedule <schedule|reported> [--with <toggle>]... [--complete] [--json]'

runCli(() => {
  const args = parseArgs(process.argv.slice(2), USAGE)
  if (args.schedule === null) throw new UsageError(`--schedule is required; ${USAGE}`)
  const sc = loadScenario(args.target)
  const isReported = args.schedule.trim().toLowerCase() === 'reported'
  const program = buildProgram(sc, isReported && args.with.length === 0 ? sc.reported.with : args.with)
  // --complete: the page's policy (engine/schedule/complete.ts): slots that cannot run are
  // skipped and said, and a run that stops short is completed to how it ends.
  const done: Completed | null = args.complete ? complete(program, args.schedule) : null
  const r = done ?? replay(program, args.schedule)
  const final = r.states[r.states.length - 1]
  const outcomes = r.outcomes.map((id) => {
    const o = sc.outcomes.find((x) => x.id === id)
    return {
      id,
      severity: o?.severity ?? 'bad',
      title: o?.title ?? id,
      explain: o?.explain ?? '',
      at: r.reachedAt[id],
    }
  })
  if (args.json) {
    process.stdout.write(
      `${safeJson({
        scenario: sc.id,
        toggles: program.toggles,
        schedule: formatSchedule(r.executed),
        requested: scheduleText(program, args.schedule),
        steps: r.records.map((rec, i) => {
          const step = stepOf(program, rec.thread, rec.stepId)
          return {
            position: i + 1,
            ...rec,
            fn: step?.spec.fn,
            file: step?.spec.file,
            link: step?.link,
            title: step?.spec.title,
          }
        }),
        error: r.error,
        ...(done && {
          dropped: done.dropped,
          requestedSteps: done.requested,
          ending: { ...done.ending, text: describeEnding(program, done) },
        }),
        outcomes,
        terminal: r.terminal,
        final,
      })}\n`
    )
  } else {
    const rows = r.records.map((rec, i) => {
      const step = stepOf(program, rec.thread, rec.stepId)
      const changes = rec.effects.flatMap((e) =>
        e.kind === 'write'
          ? [`${e.path} ${e.before}→${e.after}`]
          : e.kind === 'check'
            ? [`check ${e.what}: ${e.actual} vs expected ${e.expected}`]
            : e.kind === 'block'
              ? [`${e.t} ${e.reason}`]
              : []
      )
      return [
        String(i + 1),
        rec.thread,
        rec.stepId,
        `${step?.spec.fn ?? ''}: ${step?.spec.title ?? ''}${rec.kind === 'wait' ? ' (waits)' : ''}${step && step.spec.confidence !== 'verified' ? ` [${step.spec.confidence}]` : ''}`,
        changes.join('; '),
      ]
    })
    const lines: (string | { table: string })[] = [
      `${sc.id}  toggles: ${program.toggles.join(', ') || '(none)'}  schedule: ${formatSchedule(r.executed)}`,
      '',
      { table: table([['#', 'cpu', 'step', 'function: what', 'changes'], ...rows]) },
      '',
    ]
    if (r.error) lines.push(`stopped: ${r.error.message}`)
    for (const d of done?.dropped ?? []) lines.push(`skipped: ${d.message}`)
    if (done && done.requested < done.records.length)
      lines.push(
        `completed: steps ${String(done.requested + 1)}-${String(done.records.length)} by the page's policy (the last thread runs on, else the lowest letter)`
      )
    if (done) lines.push(`ends: ${describeEnding(program, done)}`)
    lines.push(
      outcomes.length === 0
        ? 'outcome: none reached'
        : outcomes
            .map((o) => `outcome: ${o.id} (${o.severity}) after step ${String(o.at)}: ${o.explain}`)
            .join('\n')
    )
    if (!done && !r.terminal && !r.error) lines.push('(the schedule ends before every thread has finished)')
    printLines(lines)
  }
  // An impossible schedule is bad input: what ran is printed above, the reason goes to stderr.
  if (r.error) {
    process.stderr.write(`${errorLine(`error: ${r.error.message}`)}\n`)
    process.exitCode = 2
  }
})
