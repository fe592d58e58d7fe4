import { formatEntry, type Completed, type Program, type State, type StepRecord } from '../engine'
import { runChange, type RunChange } from './changes'
import { stepWords } from './words'

/**
 * Two interleavings of the same race, side by side: their steps aligned (a step both runs take
 * is one row; a step only one takes is a row with a gap on the other side), where they first
 * diverge, and at every aligned step the state fields that differ after it.
 */
export interface Side {
  readonly program: Program
  readonly run: Completed
}

export interface FieldDiff {
  /** `folios.P0.refcount`, `tables.T0.ptes.0`, `threads.B.locals.page`… */
  readonly path: string
  readonly a: string
  readonly b: string
}

export interface Row {
  /** Index into the first run's records, or null for a gap. */
  readonly a: number | null
  readonly b: number | null
  /** The step in kernel words (the first run's when both have it). */
  readonly words: string
  /** When both runs take the step: the fields that differ after it. */
  readonly fields: readonly FieldDiff[]
}

export interface Alignment {
  readonly rows: readonly Row[]
  /** The row where the runs first differ (a gap, or the first field that differs), or null. */
  readonly first: number | null
  readonly change: RunChange | null
  /** Each side's ending. */
  readonly endings: readonly [string, string]
}

const key = (r: StepRecord) => `${r.thread}|${r.stepId}|${r.kind}`
/** Runs longer than this are aligned on their common prefix and suffix only (no quadratic table). */
const LCS_LIMIT = 2000

export function align(x: Side, y: Side): Alignment {
  const A = x.run.records
  const B = y.run.records
  const pairs = matchSteps(A.map(key), B.map(key))
  const rows: Row[] = []
  let i = 0
  let j = 0
  const push = (a: number | null, b: number | null) => {
    const ra = a === null ? undefined : A[a]
    const rb = b === null ? undefined : B[b]
    const words = ra ? stepWords(x.program, ra) : rb ? stepWords(y.program, rb) : ''
    const fields =
      a !== null && b !== null ? diffStates(x.run.states[a + 1] as State, y.run.states[b + 1] as State) : []
    rows.push({ a, b, words, fields })
  }
  for (const [pa, pb] of [...pairs, [A.length, B.length] as const]) {
    while (i < pa) push(i++, null)
    while (j < pb) push(null, j++)
    if (pa < A.length && pb < B.length) push(i++, j++)
  }
  const first = rows.findIndex((r) => r.a === null || r.b === null || r.fields.length > 0)
  return {
    rows,
    first: first < 0 ? null : first,
    change: runChange(x.program, x.run, y.program, y.run),
    endings: [x.run.ending.kind, y.run.ending.kind],
  }
}

/** Index pairs of a longest common subsequence, the common prefix taken first. */
function matchSteps(a: readonly string[], b: readonly string[]): (readonly [number, number])[] {
  let pre = 0
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++
  let suf = 0
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf])
    suf++
  const out: (readonly [number, number])[] = []
  for (let k = 0; k < pre; k++) out.push([k, k])
  const n = a.length - pre - suf
  const m = b.length - pre - suf
  if (n > 0 && m > 0 && n * m <= LCS_LIMIT * LCS_LIMIT) {
    // table[i][j]: LCS length of a[pre+i..] and b[pre+j..]
    const t = new Int32Array((n + 1) * (m + 1))
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        t[i * (m + 1) + j] =
          a[pre + i] === b[pre + j]
            ? (t[(i + 1) * (m + 1) + j + 1] as number) + 1
            : Math.max(t[(i + 1) * (m + 1) + j] as number, t[i * (m + 1) + j + 1] as number)
    let i = 0
    let j = 0
    while (i < n && j < m) {
      if (a[pre + i] === b[pre + j]) {
        out.push([pre + i, pre + j])
        i++
        j++
      } else if ((t[(i + 1) * (m + 1) + j] as number) >= (t[i * (m + 1) + j + 1] as number)) i++
      else j++
    }
  }
  for (let k = suf; k > 0; k--) out.push([a.length - k, b.length - k])
  return out
}

/** The fields of two states that differ, by path (the program counter is bookkeeping, left out). */
export function diffStates(s: State, t: State): FieldDiff[] {
  const fa = flatten(s)
  const fb = flatten(t)
  const out: FieldDiff[] = []
  for (const path of new Set([...fa.keys(), ...fb.keys()])) {
    const a = fa.get(path) ?? '—'
    const b = fb.get(path) ?? '—'
    if (a !== b) out.push({ path, a, b })
  }
  return out.sort((p, q) => (p.path < q.path ? -1 : p.path > q.path ? 1 : 0))
}

function flatten(s: State): Map<string, string> {
  const out = new Map<string, string>()
  const walk = (path: string, v: unknown, depth: number) => {
    if (path.endsWith('.pc') && path.startsWith('threads.')) return
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      if ('k' in v) {
        out.set(path, formatEntry(v as never))
        return
      }
      if (depth < 4) {
        for (const [k, x] of Object.entries(v)) walk(`${path}.${k}`, x, depth + 1)
        return
      }
    }
    out.set(path, typeof v === 'string' ? v : JSON.stringify(v))
  }
  for (const [map, v] of Object.entries(s)) walk(map, v, 1)
  return out
}
