/**
 * A thread's name without its leading "A — ": the letter is already shown beside it, in the
 * thread's colour.
 */
export function threadTitle(name: string): string {
  return name.replace(/^[A-H] — /, '')
}
