/** A scenario that cannot be used: says the file, the field path and what is wrong, on one line. */
export class ScenarioError extends Error {
  readonly path: string
  readonly problem: string
  /** What a message quotes from the input is cut short: a 100 KB list is not one line. */
  constructor(
    readonly file: string,
    path: string,
    problem: string
  ) {
    super(`${clip(file, 200)}: ${clip(path, 200)}: ${clip(problem, 400)}`)
    this.path = clip(path, 200)
    this.problem = clip(problem, 400)
    this.name = 'ScenarioError'
  }
}

export function clip(s: string, n = 64): string {
  return s.length > n ? `${s.slice(0, n)}…` : s
}
