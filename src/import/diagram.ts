import { findHeader, isProse, type Header } from './header'
import { cleanLines, isFiller, isUnderline, segments, type Line } from './lines'
import { assignColumn, joinCells, type Cell, type Notice, type Raw } from './cells'

/** What a diagram says: its columns, its cells in row order, and what the reader should check. */
export interface Diagram {
  readonly columns: readonly { readonly name: string; readonly x: number }[]
  /** Every step cell, in the order the diagram's rows give (left to right within a row). */
  readonly cells: readonly Cell[]
  /** Lines above the header, inside the columns: the state the diagram starts from. */
  readonly stateNotes: readonly string[]
  /** Notes drawn across the columns inside the diagram (`<big hole where CSD is active>`). */
  readonly gutterNotes: readonly string[]
  readonly notices: readonly Notice[]
  /** Lockdep's "Possible unsafe locking scenario" format (lock(...) / rlock(...) cells). */
  readonly lockdep: boolean
  /** The `*** DEADLOCK ***` trailer was present. */
  readonly deadlock: boolean
  /** Lockdep printed "Chain exists of:": the two CPUs show only the ends of a longer cycle. */
  readonly chain: boolean
}

/** The paste could not be read as a diagram at all (the CLI's exit 2). */
export class DiagramError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'DiagramError'
  }
}

export const MAX_DIAGRAM_CHARS = 200_000
const MAX_COLUMNS = 8
/** A pathological paste could raise thousands; the first ones tell the story. */
const MAX_NOTICES = 100

export function readDiagram(text: string): Diagram {
  if (text.length > MAX_DIAGRAM_CHARS)
    throw new DiagramError(`the text is longer than ${String(MAX_DIAGRAM_CHARS)} characters`)
  const lines = cleanLines(text)
  const header = findHeader(lines)
  if (header.columns.length === 0)
    throw new DiagramError(
      'no column diagram found: expected a header such as "CPU 0    CPU 1", or rows with cells side by side'
    )
  if (header.columns.length > MAX_COLUMNS)
    throw new DiagramError(`the diagram has ${String(header.columns.length)} columns; at most 8 threads`)
  const notices: Notice[] = []
  const named = nameColumns(header, lines, notices)
  const { columns, start } = subtitles(header, lines, named, bodyStart(header, lines), notices)
  const stateNotes = header.index < 0 ? [] : notesAbove(lines, header.index, notices)
  const raws: Raw[] = []
  const gutter: string[] = []
  let deadlock = false
  let blankRun = 0
  for (let i = start; i < lines.length; i++) {
    const line = lines[i] as Line
    if (/\*\*\* DEADLOCK \*\*\*/.test(line.text)) {
      deadlock = true
      break
    }
    if (line.text.trim() === '') {
      blankRun++
      continue
    }
    if (isUnderline(line.text)) continue
    // The mail goes on after the diagram: a sentence at the left edge after a blank line ends it.
    if (isProse(line.text) && (blankRun > 0 || raws.length > 0)) break
    blankRun = 0
    const segs = segments(line.text).filter((s) => !isFiller(s.text))
    const note = gutterNote(segs, columns)
    if (note !== null) {
      gutter.push(note)
      notices.push({
        line: line.n,
        level: 'info',
        message: `read "${note}" as a note across the columns, not a step`,
      })
      continue
    }
    segs.forEach((s, k) => {
      raws.push({ line: line.n, x: s.x, text: s.text, col: assignColumn(s, columns, line.n, notices), k })
    })
  }
  const cells = joinCells(raws, columns, notices)
  if (cells.length === 0) throw new DiagramError('the diagram has a header but no cells under it')
  const lockdep = cells.every((c) => /^(?:r|w)?lock\(|^unlock\(|^<[^>]*>$|^local_irq/.test(c.text))
  const chain = lines.some((l) => /Chain exists of:/.test(l.text))
  if (lockdep && chain)
    notices.push({
      line: 0,
      level: 'warning',
      message:
        'lockdep found a chain of more than two locks ("Chain exists of:"): its two-CPU scenario shows only the ends of the cycle, so the imported locks alone may not deadlock',
    })
  notices.sort((a, b) => a.line - b.line)
  if (notices.length > MAX_NOTICES) {
    const more = notices.length - MAX_NOTICES
    notices.splice(MAX_NOTICES)
    notices.push({ line: 0, level: 'warning', message: `and ${String(more)} more like these` })
  }
  return { columns, cells, stateNotes, gutterNotes: gutter, notices, lockdep, deadlock, chain }
}

/**
 * A note drawn across the columns, `<big hole where CSD is active>`: one bracketed phrase of
 * several words that runs over the start of another column.
 */
function gutterNote(
  segs: readonly { readonly x: number; readonly text: string }[],
  columns: readonly { readonly x: number }[]
): string | null {
  const s = segs[0]
  if (segs.length !== 1 || !s || !/^(?:<[^<>]*>|\[[^[\]]*\])$/.test(s.text)) return null
  if (s.text.slice(1, -1).trim().split(' ').length < 5) return null
  const end = s.x + s.text.length
  return columns.some((c) => c.x > s.x + 4 && c.x < end) ? s.text.slice(1, -1).trim() : null
}

function nameColumns(header: Header, lines: readonly Line[], notices: Notice[]) {
  if (header.how === 'none') {
    notices.push({
      line: lines.find((l) => l.text.trim() !== '')?.n ?? 0,
      level: 'warning',
      message: `no header row: the columns are named "Column 1" to "Column ${String(header.columns.length)}"; rename the threads in the editor`,
    })
    return header.columns.map((c, i) => ({ name: `Column ${String(i + 1)}`, x: c.x }))
  }
  if (header.how === 'roles')
    notices.push({
      line: lines[header.index]?.n ?? 0,
      level: 'info',
      message: `read the row "${header.columns.map((c) => c.text).join(' | ')}" as the column names`,
    })
  return header.columns.map((c) => ({ name: c.text.replace(/:$/, '').trim(), x: c.x }))
}

/**
 * A row of role names right under the header, one per column (`THP collapse      fast GUP`
 * under `CPU A    CPU B`), names the columns further instead of being their first steps.
 */
function subtitles(
  header: Header,
  lines: readonly Line[],
  columns: { name: string; x: number }[],
  start: number,
  notices: Notice[]
): { columns: { name: string; x: number }[]; start: number } {
  let i = start
  while (i < lines.length && isUnderline(lines[i]?.text ?? '')) i++
  const line = lines[i]
  if (header.how !== 'labels' || !line || columns.length < 2) return { columns, start }
  const segs = segments(line.text)
  const role = /^[A-Za-z][A-Za-z-]*(?: [A-Za-z][A-Za-z-]*){0,3}$/
  if (segs.length !== columns.length || !segs.every((s) => role.test(s.text))) return { columns, start }
  const near = segs.map((s) => assignColumn(s, columns, line.n, []))
  if (new Set(near).size !== columns.length) return { columns, start }
  notices.push({
    line: line.n,
    level: 'info',
    message: `read the row under the header ("${segs.map((s) => s.text).join(' | ')}") as what each column is, not as steps`,
  })
  const named = columns.map((c, k) => ({ ...c, name: `${c.name} (${segs[near.indexOf(k)]?.text ?? ''})` }))
  return { columns: named, start: i + 1 }
}

/** Without a header the diagram begins at the first row of its block (after the prose). */
function bodyStart(header: Header, lines: readonly Line[]): number {
  if (header.index >= 0) return header.index + 1
  const first = lines.findIndex((l) => segments(l.text).length >= 2 && !isProse(l.text))
  let i = first
  while (i > 0 && (lines[i - 1]?.text.trim() ?? '') !== '' && !isProse(lines[i - 1]?.text ?? '')) i--
  return i
}

/** Indented lines just above the header (`X->cpu = 1`): the state the race starts from. */
function notesAbove(lines: readonly Line[], header: number, notices: Notice[]): string[] {
  const out: { n: number; text: string }[] = []
  for (let i = header - 1; i >= 0 && i >= header - 8; i--) {
    const l = lines[i] as Line
    if (l.text.trim() === '') continue
    const segs = segments(l.text)
    if (segs.length === 0 || (segs[0]?.x ?? 0) < 8 || isProse(l.text)) break
    out.unshift({ n: l.n, text: segs.map((s) => s.text).join(' ') })
  }
  if (out.length > 0)
    notices.push({
      line: out[0]?.n ?? 0,
      level: 'info',
      message: `read ${out.length === 1 ? 'the line' : `the ${String(out.length)} lines`} above the header as the starting state: ${out.map((o) => o.text).join('; ')}`,
    })
  return out.map((o) => o.text)
}
