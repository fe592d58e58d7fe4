import type { Cell, Notice } from './cells'
import type { Diagram } from './diagram'
import { lockNames, lockPlan, type LockOp } from './lockdep'

/** What the importer is told besides the diagram. */
export interface ImportOptions {
  /** The scenario's id (kebab-case); `imported-race` by default. */
  readonly id?: string
  readonly title?: string
  /** The kernel tag source links use; `latest` when not given. */
  readonly kernel?: string
  /** Where the diagram comes from (a commit or a Message-ID), said in the description. */
  readonly source?: string
}

/** The file a storyboard step names: the diagram never says which source file a call is in. */
export const UNKNOWN_FILE = '(file not given)'
/** The function of a step whose cell names none. */
export const NO_FUNCTION = '(no function named)'

const LETTERS = 'ABCDEFGH'
const KEYWORDS = new Set(['if', 'while', 'for', 'switch', 'return', 'sizeof', 'typeof', 'do', 'else'])
const PSEUDO = new Set(['lock', 'rlock', 'wlock', 'unlock', 'LOCK', 'UNLOCK', 'READ_ONCE', 'WRITE_ONCE'])

/** The kernel function a cell names, if it names one: the first call, or a lone identifier. */
export function functionOf(text: string): string | null {
  for (const m of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)\s*\(/g)) {
    const name = m[1] ?? ''
    if (name.length >= 3 && !KEYWORDS.has(name) && !PSEUDO.has(name)) return name
  }
  const chain = /^(?:==>\s*)?([a-z_][a-z0-9_]*[a-z0-9])(?:->|\s*$)/.exec(text)
  if (chain?.[1]?.includes('_')) return chain[1]
  return null
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s)

/** The cell's title: its text, and after it what the arrows and comments beside it said. */
export function titleOf(cell: Cell): string {
  return cell.notes.length > 0 ? `${cell.text} — ${cell.notes.join('; ')}` : cell.text
}

/**
 * A scenario the loader validates: one thread per column, one step per cell in row order, the
 * reported schedule following the rows. Steps have no ops (storyboard steps) except in a lockdep
 * report, whose lock(...)/rlock(...) cells take the lock they name.
 */
export function buildScenario(
  d: Diagram,
  opts: ImportOptions = {},
  notices: Notice[] = []
): Record<string, unknown> {
  const { names, kinds } = d.lockdep ? lockNames(d.cells) : { names: new Map<string, string>(), kinds: {} }
  const plan = d.lockdep ? lockPlan(d.cells, names, d.columns.length, notices) : null
  const count = d.columns.map(() => 0)
  const schedule: string[] = []
  const steps: Record<string, unknown>[][] = d.columns.map(() => [])
  d.cells.forEach((cell, i) => {
    const letter = LETTERS.charAt(cell.col)
    const n = (count[cell.col] ?? 0) + 1
    count[cell.col] = n
    const ops: LockOp[] = plan?.ops[i] ? [plan.ops[i]] : []
    const full = titleOf(cell)
    const fn = d.lockdep ? '(lockdep report)' : (functionOf(cell.text) ?? NO_FUNCTION)
    const explain = [
      `Line ${String(cell.line)} of the diagram: “${clip(full, 1200)}”.`,
      ops.length === 0
        ? 'A storyboard step: it has no ops yet, so it runs and changes no state. Give it ops in the editor.'
        : `Takes ${ops[0]?.lock ?? ''} as lockdep reports (${ops[0]?.op === 'lock' && ops[0].mode === 'read' ? 'for reading' : 'exclusively'}).`,
    ].join(' ')
    steps[cell.col]?.push({
      id: `${letter}${String(n)}`,
      fn: clip(fn, 80),
      file: UNKNOWN_FILE,
      title: clip(full, 100),
      explain,
      confidence: 'unverified',
      ops,
    })
    schedule.push(letter)
  })
  plan?.releases.forEach((rel, col) => {
    for (const op of rel) {
      const letter = LETTERS.charAt(col)
      steps[col]?.push({
        id: `${letter}${String((count[col] = (count[col] ?? 0) + 1))}`,
        fn: '(added by the importer)',
        file: UNKNOWN_FILE,
        title: `release ${op.lock}`,
        explain:
          'Lockdep prints only the acquisitions; the importer adds the releases, last taken first, so that an interleaving without the deadlock can finish.',
        confidence: 'inferred',
        ops: [op],
      })
    }
  })
  const threads = d.columns.map((c, i) => {
    const letter = LETTERS.charAt(i)
    const own = steps[i] ?? []
    return {
      letter,
      name: clip(`${letter} — ${c.name}`, 120),
      steps:
        own.length > 0
          ? own
          : [
              {
                id: `${letter}1`,
                fn: NO_FUNCTION,
                file: UNKNOWN_FILE,
                title: '(no cells in this column)',
                explain: 'The diagram has a column here but no cell under it.',
                confidence: 'unverified',
                ops: [],
              },
            ],
    }
  })
  const finished = { all: d.columns.map((_, i) => ({ finished: LETTERS.charAt(i) })) }
  const where = opts.source ? ` (${opts.source})` : ''
  const total = d.cells.length
  return {
    id: opts.id ?? 'imported-race',
    title: clip(opts.title ?? `Imported: ${d.columns.map((c) => c.name).join(' vs ')}`, 120),
    summary: clip(
      d.lockdep
        ? `A lockdep report${where}: ${String(total)} lock steps on ${String(d.columns.length)} CPUs. Ask the explorer whether any interleaving deadlocks.`
        : `Imported from a column diagram${where}: ${String(total)} storyboard steps on ${String(d.columns.length)} threads, with no semantics yet.`,
      400
    ),
    description: clip(
      [
        'Imported from a column diagram; every step is marked unverified. Each step names the function its cell names, but not the file (the diagram does not say), so its link searches for the function.',
        d.lockdep
          ? `Lock kinds are not in the report: classes taken for reading are rw-semaphores, the others mutexes (${Object.keys(kinds).join(', ')}).`
          : 'Steps without ops change no state: the timeline and reordering work, and the explorer has nothing to find until steps are given ops and the scenario an outcome.',
        d.chain
          ? 'Lockdep reported a longer chain than the two CPUs show; the imported locks alone may not deadlock.'
          : '',
        d.stateNotes.length > 0 ? `Starting state noted in the diagram: ${d.stateNotes.join('; ')}.` : '',
        d.gutterNotes.length > 0 ? `Notes drawn across the columns: ${d.gutterNotes.join('; ')}.` : '',
        opts.source ? `Source: ${opts.source}.` : '',
      ]
        .filter((s) => s !== '')
        .join(' '),
      4000
    ),
    kernel: opts.kernel ?? 'latest',
    initial: { locks: kinds, folios: {} },
    threads,
    toggles: [],
    outcomes: [
      {
        id: 'all-finished',
        severity: 'ok',
        title: 'Every thread ran to its end',
        explain: d.lockdep
          ? 'Every CPU took and released its locks.'
          : 'Every thread ran all its steps. No bad outcome is defined yet: add one in the editor.',
        predicate: finished,
      },
    ],
    reported: {
      schedule: schedule.join(' '),
      outcome: d.lockdep && d.deadlock ? 'deadlock' : 'all-finished',
      description: clip(`The order of the diagram's rows${where}.`, 2000),
    },
  }
}
