/** A tiny argument parser: the CLI's flags are few and their errors must be one clear line. */
export interface CliArgs {
  readonly target: string
  readonly with: string[]
  readonly json: boolean
  readonly schedule: string | null
  readonly maxStates: number | null
  readonly maxMillis: number | null
  readonly reduce: boolean
  /** `--no-symmetry`: explore every arrangement of interchangeable threads. */
  readonly symmetry: boolean
  /** `replay --complete`: complete the run with the page's policy. */
  readonly complete: boolean
  /** `diff --vs <schedule>` and `--vs-with <toggle>`: the second run. */
  readonly vs: string | null
  readonly vsWith: string[]
}

/** A usage error: one line on stderr, the usage after a `;` (`help`: the usage asked for, on stdout). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly help = false
  ) {
    super(message)
  }
}

const VALUED = new Set(['--with', '--schedule', '--max-states', '--max-ms', '--vs', '--vs-with'])

export function parseArgs(argv: readonly string[], usage: string): CliArgs {
  const out = {
    target: '',
    with: [] as string[],
    json: false,
    schedule: null as string | null,
    maxStates: null as number | null,
    maxMillis: null as number | null,
    reduce: false,
    symmetry: true,
    complete: false,
    vs: null as string | null,
    vsWith: [] as string[],
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? ''
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined]
    if (flag === '--json') out.json = true
    else if (flag === '--reduce') out.reduce = true
    else if (flag === '--no-symmetry') out.symmetry = false
    else if (flag === '--complete') out.complete = true
    else if (flag === '--help' || flag === '-h') throw new UsageError(usage, true)
    else if (VALUED.has(flag)) {
      const value = inline ?? argv[++i]
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value; ${usage}`)
      if (flag === '--with') out.with.push(...value.split(',').filter(Boolean))
      else if (flag === '--schedule') out.schedule = value
      else if (flag === '--vs') out.vs = value
      else if (flag === '--vs-with') out.vsWith.push(...value.split(',').filter(Boolean))
      else {
        const n = Number(value)
        if (!Number.isInteger(n) || n < 1)
          throw new UsageError(`${flag} needs a positive whole number, got '${value}'`)
        if (flag === '--max-states') out.maxStates = n
        else out.maxMillis = n
      }
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'; ${usage}`)
    else if (out.target === '') out.target = a
    else throw new UsageError(`unexpected argument '${a}'; ${usage}`)
  }
  if (out.target === '') throw new UsageError(`no scenario given; ${usage}`)
  return out
}
