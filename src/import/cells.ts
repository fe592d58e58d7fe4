import type { Segment } from './lines'

/** Something the reader should check, at a line of the paste (0: the whole diagram). */
export interface Notice {
  readonly line: number
  readonly level: 'warning' | 'info'
  readonly message: string
}

/** One segment of one line, placed in a column. */
export interface Raw {
  readonly line: number
  readonly x: number
  readonly text: string
  readonly col: number
  /** Its index among the line's segments. */
  readonly k: number
}

/** A step cell: one or more wrapped lines of one column, with the notes written beside it. */
export interface Cell {
  readonly col: number
  /** First and last line of the paste it spans. */
  readonly line: number
  readonly lastLine: number
  /** The cell's text, wrapped lines joined, whitespace collapsed, annotations removed. */
  readonly text: string
  /** `<-- …` arrows, trailing `// …` comments, `(…)` lines and `//` rows that belong to it. */
  readonly notes: readonly string[]
}

/**
 * The column a segment belongs to: the nearest column start. When two columns are about as near
 * (the segment sits in the gutter between them), it is placed in the nearer and said so.
 */
export function assignColumn(
  s: Segment,
  columns: readonly { readonly name: string; readonly x: number }[],
  line: number,
  notices: Notice[]
): number {
  const dist = columns.map((c) => Math.abs(c.x - s.x))
  let best = 0
  dist.forEach((d, i) => {
    if (d < (dist[best] ?? Infinity)) best = i
  })
  const second = dist
    .map((d, i) => ({ d, i }))
    .filter((x) => x.i !== best)
    .sort((a, b) => a.d - b.d)[0]
  const bestD = dist[best] ?? 0
  if (second && second.d - bestD < 4 && !/^(?:\/\/|<-)/.test(s.text))
    notices.push({
      line,
      level: 'warning',
      message: `"${clip(s.text)}" sits between columns ${name(columns, best)} and ${name(columns, second.i)}: put in ${name(columns, best)}; move it in the editor if that is wrong`,
    })
  return best
}

function name(columns: readonly { readonly name: string }[], i: number): string {
  return columns[i]?.name ?? `#${String(i + 1)}`
}

export function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s
}

interface Building {
  col: number
  line: number
  lastLine: number
  parts: string[]
  /** The parts joined, and their bracket depth, kept as parts are added (no re-joining). */
  joined: string
  depth: number
  notes: string[]
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/
/** A cell that is plain words (no call, no assignment, no bracket): a sentence wrapped over lines. */
const isWords = (s: string) => !/[()[\]{};=<>]/.test(s) && !IDENT.test(s) && !s.startsWith('//')

function depth(s: string): number {
  let d = 0
  for (const ch of s) {
    if (ch === '(' || ch === '[' || ch === '{') d++
    else if (ch === ')' || ch === ']' || ch === '}') d--
  }
  return d
}

/** Whether `next` (on the line right after `cell`'s last one, same column) continues it. */
function continues(cell: Building, next: string): boolean {
  const text = cell.joined
  if (cell.depth > 0) return true
  if (/(?:,|\|\||&&|\\)$/.test(text)) return true
  return isWords(text) && isWords(next)
}

/**
 * Cells from segments: wrapped lines of one column joined (open brackets, a trailing comma or
 * operator, or a sentence of plain words), `<--` arrows, trailing `//` comments and lines that
 * are a whole `(…)` kept as notes of their cell, `//` rows as notes of the column's last cell.
 * Several cells on one row are ordered left to right, and said to be ambiguous.
 */
export function joinCells(
  raws: readonly Raw[],
  columns: readonly { readonly name: string }[],
  notices: Notice[]
): Cell[] {
  const done: Building[] = []
  const open = new Map<number, Building>()
  const last = new Map<number, Building>()
  const pendingNotes = new Map<number, string[]>()
  /** The line of a column's last comment that annotated the cell above it. */
  const commentLine = new Map<number, number>()
  const byLine = new Map<number, Raw[]>()
  for (const r of raws) {
    const row = byLine.get(r.line) ?? []
    const before = row[row.length - 1]
    // Runs of one column on one row are one cell (`//cpuset A  with cpu N`).
    if (before && before.col === r.col) row[row.length - 1] = { ...before, text: `${before.text} ${r.text}` }
    else row.push(r)
    byLine.set(r.line, row)
  }
  for (const [line, row] of byLine) {
    const starters: Building[] = []
    let leftCell: Building | undefined
    for (const r of row) {
      const arrow = /^<[-=]+\s*(.*)$/.exec(r.text)
      if (arrow) {
        const target = leftCell ?? last.get(r.col)
        if (target && arrow[1]) target.notes.push(arrow[1])
        continue
      }
      if (r.text.startsWith('//') || r.text.startsWith('/*')) {
        const note = r.text.replace(/^\/[/*]\s*|\s*\*\/$/g, '')
        // Beside a cell, or right under one (or under a comment that was), it annotates that
        // cell; after a blank line it is a heading for the column's next cell.
        const prev = last.get(r.col)
        const under = prev && (prev.lastLine === line - 1 || commentLine.get(r.col) === line - 1)
        const target = leftCell ?? (under ? prev : undefined)
        if (target) {
          target.notes.push(note)
          commentLine.set(r.col, line)
        } else pendingNotes.set(r.col, [...(pendingNotes.get(r.col) ?? []), note])
        continue
      }
      const prev = open.get(r.col)
      if (prev && prev.lastLine === line - 1 && continues(prev, r.text)) {
        prev.parts.push(r.text)
        prev.joined = `${prev.joined} ${r.text}`
        prev.depth += depth(r.text)
        prev.lastLine = line
        leftCell = prev
        continue
      }
      const cell: Building = {
        col: r.col,
        line,
        lastLine: line,
        parts: [r.text],
        joined: r.text,
        depth: depth(r.text),
        notes: pendingNotes.get(r.col) ?? [],
      }
      pendingNotes.delete(r.col)
      if (prev && prev.col === r.col && prev === last.get(r.col) && /^\(.*\)$/.test(cell.parts[0] ?? '')) {
        // A line that is a whole parenthesis right under a cell annotates it: `(lookup failed)`.
        if (depth(cell.parts[0] ?? '') === 0) {
          prev.notes.push((cell.parts[0] ?? '').slice(1, -1))
          leftCell = prev
          continue
        }
      }
      open.set(r.col, cell)
      last.set(r.col, cell)
      done.push(cell)
      starters.push(cell)
      leftCell = cell
    }
    const cols = new Set(starters.map((c) => c.col))
    if (cols.size >= 2)
      notices.push({
        line,
        level: 'warning',
        message: `cells of ${[...cols].map((c) => columns[c]?.name ?? '?').join(', ')} on one row: ordered left to right, as the diagram does not say which runs first`,
      })
  }
  // Headings with no cell after them annotate the column's last cell.
  for (const [col, notes] of pendingNotes) last.get(col)?.notes.push(...notes)
  // A `(…)` cell that opened on its own line and closed on a later one is a note too.
  const cells: Cell[] = []
  const lastOf = new Map<number, Cell>()
  for (const b of done) {
    const text = b.joined.replace(/\s+/g, ' ').trim()
    const prior = lastOf.get(b.col)
    if (/^\(.*\)$/.test(text) && depth(text) === 0 && prior && b.parts.length > 1) {
      ;(prior.notes as string[]).push(text.slice(1, -1))
      continue
    }
    const trailing = /^(.*?\S)\s+\/\/\s*(.*)$/.exec(text)
    const [own = text, ...arrows] = (trailing ? (trailing[1] ?? text) : text).split(/\s+<[-=]+\s*/)
    const cell: Cell = {
      col: b.col,
      line: b.line,
      lastLine: b.lastLine,
      text: own,
      notes: [...arrows.filter((a) => a !== ''), ...(trailing?.[2] ? [trailing[2]] : []), ...b.notes],
    }
    cells.push(cell)
    lastOf.set(b.col, cell)
  }
  return cells
}
