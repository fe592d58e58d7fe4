import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { diagram } from '../diagram/diagram'
import { diagramsDoc } from '../diagram/docs'
import { parseArgs } from './args'
import { runCli } from './run'
import { runOf } from './runOf'
import { knownIds, loadScenario, SCENARIO_DIR } from './scenarioFiles'

const USAGE =
  'usage: npm run diagram -- <scenario-id or file> [--schedule <schedule|reported>] [--with <toggle>]... [--json]  |  npm run diagram -- --docs'

/**
 * An interleaving as the column diagram of a commit message, completed with the page's policy
 * (the same engine and the same text as the page's "Copy as diagram").
 */
runCli(() => {
  const argv = process.argv.slice(2)
  if (argv[0] === '--docs') {
    const file = join(SCENARIO_DIR, '../docs/diagrams.md')
    writeFileSync(file, diagramsDoc(knownIds().map((id) => loadScenario(id))))
    process.stdout.write(`wrote ${file}\n`)
    return
  }
  const args = parseArgs(argv, USAGE)
  const sc = loadScenario(args.target)
  const { program, run } = runOf(sc, args.schedule ?? 'reported', args.with)
  const text = diagram(program, run)
  if (args.json)
    process.stdout.write(`${JSON.stringify({ scenario: sc.id, toggles: program.toggles, diagram: text })}\n`)
  else process.stdout.write(text)
})
