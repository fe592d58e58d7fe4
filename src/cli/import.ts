import { existsSync, readFileSync, statSync } from 'node:fs'

import { DiagramError, formatNotice, importDiagram, MAX_DIAGRAM_CHARS, type ImportOptions } from '../import'
import { UsageError } from './args'
import { runCli } from './run'

const USAGE =
  'usage: npm run import -- <diagram.txt | -> [--json] [--id <kebab-id>] [--title <text>] [--kernel <tag>] [--source <commit or Message-ID>]'
const VALUED = new Set(['--id', '--title', '--kernel', '--source'])

/**
 * Turn a column diagram (or a lockdep report) into a scenario: the scenario's JSON on stdout,
 * exit 0. What was ambiguous goes to stderr, one line each (with a readable summary of the
 * import unless --json). Text that holds no diagram is one line on stderr and exit 2.
 */
runCli(() => {
  const argv = process.argv.slice(2)
  let file = ''
  let json = false
  const opts: { -readonly [K in keyof ImportOptions]: ImportOptions[K] } = {}
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    const eq = a.startsWith('--') ? a.indexOf('=') : -1
    const flag = eq > 0 ? a.slice(0, eq) : a
    if (flag === '--json') json = true
    else if (flag === '--help' || flag === '-h') throw new UsageError(USAGE)
    else if (VALUED.has(flag)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i]
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`)
      opts[flag.slice(2) as 'id' | 'title' | 'kernel' | 'source'] = value
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`)
    else if (file === '') file = a
    else throw new UsageError(`unexpected argument '${a}'`)
  }
  if (file === '') throw new UsageError(USAGE)
  if (opts.id !== undefined && !/^[a-z0-9][a-z0-9-]{0,63}$/.test(opts.id))
    throw new UsageError(`--id must be kebab-case (a-z, 0-9, -), got '${opts.id}'`)
  if (file !== '-' && !existsSync(file)) throw new Error(`${file}: no such file`)
  if (file !== '-' && statSync(file).size > MAX_DIAGRAM_CHARS * 4)
    throw new Error(`${file}: larger than ${String(MAX_DIAGRAM_CHARS)} characters`)
  const text = readFileSync(file === '-' ? 0 : file, 'utf8')
  let r
  try {
    r = importDiagram(text, opts)
  } catch (e) {
    if (e instanceof DiagramError)
      throw new Error(`${file === '-' ? 'stdin' : file}: ${e.message}`, { cause: e })
    throw e
  }
  process.stdout.write(r.json)
  const lines: string[] = []
  if (!json) {
    const sc = r.scenario
    lines.push(
      `${sc.id}: ${String(sc.threads.length)} threads, ${String(sc.threads.reduce((n, t) => n + t.steps.length, 0))} steps; reported schedule ${sc.reported.schedule}`
    )
    for (const t of sc.threads) lines.push(`  ${t.name}: ${t.steps.map((s) => s.title).join(' | ')}`)
  }
  for (const n of r.notices) lines.push(formatNotice(n))
  if (lines.length > 0) process.stderr.write(`${lines.join('\n')}\n`)
})
