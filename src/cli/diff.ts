import { describeEnding } from '../engine'
import { align } from '../diff/align'
import { stepWords } from '../diff/words'
import { parseArgs, UsageError } from './args'
import { runCli, table } from './run'
import { runOf } from './runOf'
import { loadScenario } from './scenarioFiles'

const USAGE =
  'usage: npm run diff -- <scenario-id or file> --schedule <s1|reported> [--with <toggle>]... [--vs <s2|reported>] [--vs-with <toggle>]... [--json]'

/**
 * Two interleavings of one race side by side, each completed with the page's policy: the
 * aligned steps, where they first diverge, and the state fields that differ at each aligned step.
 * `--vs` defaults to the first schedule and `--vs-with` to no toggle, so `--vs-with <fix>` alone
 * compares a run with the same run with the fix on.
 */
runCli(() => {
  const args = parseArgs(process.argv.slice(2), USAGE)
  if (args.schedule === null) throw new UsageError(`--schedule is required\n${USAGE}`)
  if (args.vs === null && args.vsWith.length === 0)
    throw new UsageError(`give the second run with --vs <schedule> and/or --vs-with <toggle>\n${USAGE}`)
  const sc = loadScenario(args.target)
  const x = runOf(sc, args.schedule, args.with)
  const y = runOf(sc, args.vs ?? x.requested, args.vsWith)
  const al = align({ program: x.program, run: x.run }, { program: y.program, run: y.run })
  const side = (s: typeof x) => ({
    toggles: s.program.toggles,
    schedule: s.requested,
    steps: s.run.records.length,
    dropped: s.run.dropped,
    outcomes: s.run.outcomes,
    ending: { ...s.run.ending, text: describeEnding(s.program, s.run) },
  })
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({
        scenario: sc.id,
        a: side(x),
        b: side(y),
        firstDivergence: al.change && { step: al.change.index + 1, ...al.change },
        firstRow: al.first,
        rows: al.rows,
      })}\n`
    )
    return
  }
  const words = (r: typeof x, i: number | null) => {
    const rec = i === null ? undefined : r.run.records[i]
    return rec ? stepWords(r.program, rec) : ''
  }
  const rows = al.rows.map((row, k) => [
    k === al.first ? '>>' : '',
    row.a === null ? '' : String(row.a + 1),
    words(x, row.a),
    row.b === null ? '' : String(row.b + 1),
    row.a !== null && row.b !== null && words(x, row.a) === words(y, row.b) ? '=' : words(y, row.b),
    row.fields.map((f) => `${f.path}: ${f.a} | ${f.b}`).join('; '),
  ])
  const head = (s: typeof x) =>
    `${s.requested}  toggles: ${s.program.toggles.join(', ') || '(none)'}  ends: ${describeEnding(s.program, s.run)}; outcomes: ${s.run.outcomes.join(', ') || 'none'}`
  const lines = [
    sc.id,
    `a: ${head(x)}`,
    `b: ${head(y)}`,
    '',
    al.change
      ? `first divergence at step ${String(al.change.index + 1)}: a ${al.change.before}; b ${al.change.after}`
      : 'the two runs take the same steps',
    ...(al.change?.added.length ? [`new in b: ${al.change.added.join('; ')}`] : []),
    ...(al.change?.vanished.length ? [`not in b: ${al.change.vanished.join('; ')}`] : []),
    '',
    table([['', 'a#', 'a', 'b#', 'b', 'fields that differ (a | b)'], ...rows]),
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
})
