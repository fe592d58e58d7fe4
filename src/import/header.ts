import { isUnderline, segments, type Line, type Segment } from './lines'

/** Where the columns are, from the header row (or, without one, from the first row of cells). */
export interface Header {
  /** Index into the cleaned lines of the header row; -1 when the diagram has none. */
  readonly index: number
  readonly columns: readonly Segment[]
  /** How the columns were found, for the user to check. */
  readonly how: 'labels' | 'roles' | 'none'
}

/** `CPU0`, `CPU 1:`, `cpu A`, `Thread B`, `Process 1`, `core 0`, `T1`, `vCPU 2`… */
const THREAD_LABEL =
  /^(?:v?cpu|core|thread|task|process|proc|context|ctx|kthread|p|t)\s*#?\s*[A-Za-z0-9]{1,3}\s*:?$/i
/** A role in place of a CPU: `khugepaged`, `GUP-fast`, `madvise(MADV_COLD)`, `page fault:`. */
const ROLE = /^[A-Za-z][\w\-/.]*(?: [A-Za-z][\w\-/.]*){0,3}(?:\([A-Z0-9_|, ]*\))?:?$/

export function isThreadLabel(text: string): boolean {
  return THREAD_LABEL.test(text.trim())
}

/**
 * The header: the first row whose cells are all thread labels (two or more, or one above an
 * underline, as lockdep prints a single CPU). Failing that, the first row of two or more cells
 * that reads as role names (words, at least one without parentheses) or that is underlined.
 */
export function findHeader(lines: readonly Line[]): Header {
  const underlined = (i: number) => {
    const next = lines[i + 1]
    return next !== undefined && isUnderline(next.text)
  }
  for (let i = 0; i < lines.length; i++) {
    const segs = segments(lines[i]?.text ?? '')
    if (segs.length === 0 || segs.length > 8) continue
    if (segs.every((s) => isThreadLabel(s.text)) && (segs.length >= 2 || underlined(i)))
      return { index: i, columns: segs, how: 'labels' }
  }
  for (let i = 0; i < lines.length; i++) {
    const segs = segments(lines[i]?.text ?? '')
    if (segs.length < 2 || segs.length > 8) continue
    const roles = segs.every((s) => ROLE.test(s.text)) && segs.some((s) => !s.text.includes('('))
    if (roles || underlined(i)) return { index: i, columns: segs, how: 'roles' }
    // The first row with cells side by side starts a diagram without a header.
    if (!isProse(lines[i]?.text ?? '')) return { index: -1, columns: segs, how: 'none' }
  }
  return { index: -1, columns: [], how: 'none' }
}

/** A sentence of the surrounding mail, not a cell: one long run of words at the left edge. */
export function isProse(text: string): boolean {
  const segs = segments(text)
  // Two blanks after a full stop are sentence spacing, not a gap between columns.
  const glued = segs.every(
    (s, i) =>
      i === 0 ||
      (s.x - ((segs[i - 1]?.x ?? 0) + (segs[i - 1]?.text.length ?? 0)) === 2 &&
        /[.?!]$/.test(segs[i - 1]?.text ?? ''))
  )
  const only = segs[0] && glued ? { x: segs[0].x, text: segs.map((s) => s.text).join(' ') } : undefined
  if (!only) return false
  if (/^(?:\/\/|\/\*|[<[(])/.test(only.text)) return false
  const words = only.text.split(' ').length
  return only.x < 4 && ((only.text.length >= 45 && words >= 7) || (words >= 4 && /[.:?]$/.test(only.text)))
}
