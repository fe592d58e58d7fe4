/**
 * The schedule notation (CONVENTIONS.md): tokens `<letter><count>`, count optional (1), spaces
 * and commas ignored, lower case accepted. `B3A7B2A` = B, B, B, A ×7, B, B, A.
 */
export class ScheduleSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ScheduleSyntaxError'
  }
}

/** A bound on expanded length, so `A999999999` cannot exhaust memory. */
export const MAX_SCHEDULE_STEPS = 100_000

export function parseSchedule(text: string): string[] {
  const out: string[] = []
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    if (ch === ' ' || ch === ',' || ch === '\t' || ch === '\n') {
      i++
      continue
    }
    if (!/[a-zA-Z]/.test(ch))
      throw new ScheduleSyntaxError(
        `schedule: expected a thread letter at character ${String(i + 1)}, found '${ch}'`
      )
    const letter = ch.toUpperCase()
    i++
    let digits = ''
    while (i < text.length && /[0-9]/.test(text.charAt(i))) digits += text.charAt(i++)
    const count = digits === '' ? 1 : Number(digits)
    if (count < 1) throw new ScheduleSyntaxError(`schedule: count 0 for ${letter} at character ${String(i)}`)
    if (out.length + count > MAX_SCHEDULE_STEPS)
      throw new ScheduleSyntaxError(`schedule: longer than ${String(MAX_SCHEDULE_STEPS)} steps`)
    for (let k = 0; k < count; k++) out.push(letter)
  }
  return out
}

/** The canonical, run-length form: `['B','B','A']` → `B2A`. */
export function formatSchedule(letters: readonly string[]): string {
  let s = ''
  let i = 0
  while (i < letters.length) {
    const l = letters[i] ?? ''
    let n = 1
    while (letters[i + n] === l) n++
    s += n === 1 ? l : `${l}${String(n)}`
    i += n
  }
  return s
}
