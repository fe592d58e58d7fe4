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
  // Spaces and commas are ignored everywhere, even between a letter and its count; positions in
  // messages still refer to the text as written.
  const chars: { ch: string; at: number }[] = []
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i)
    if (!/[\s,]/.test(ch)) chars.push({ ch, at: i + 1 })
  }
  const out: string[] = []
  let i = 0
  while (i < chars.length) {
    const { ch, at } = chars[i] as { ch: string; at: number }
    if (!/[a-zA-Z]/.test(ch))
      throw new ScheduleSyntaxError(
        `schedule: expected a thread letter at character ${String(at)}, found '${ch}'`
      )
    const letter = ch.toUpperCase()
    i++
    let digits = ''
    while (i < chars.length && /[0-9]/.test(chars[i]?.ch ?? '')) digits += chars[i++]?.ch ?? ''
    if (digits.length > 6)
      throw new ScheduleSyntaxError(`schedule: longer than ${String(MAX_SCHEDULE_STEPS)} steps`)
    const count = digits === '' ? 1 : Number(digits)
    if (count < 1) throw new ScheduleSyntaxError(`schedule: count 0 for ${letter} at character ${String(at)}`)
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
