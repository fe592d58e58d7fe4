import type { Program, Replay, StepRecord } from '../engine'
import { stepWords } from './words'

/** Where two runs of the same race first differ, and which steps one has that the other lacks. */
export interface RunChange {
  /** 0-based index of the first step that differs. */
  readonly index: number
  /** That step in the first run, in kernel words (or that the run had ended). */
  readonly before: string
  /** That step in the second run. */
  readonly after: string
  /** Steps the second run takes that the first did not (kernel words, in the second run's order). */
  readonly added: readonly string[]
  /** Steps of the first run the second no longer takes. */
  readonly vanished: readonly string[]
}

const key = (r: StepRecord) => `${r.thread}|${r.stepId}|${r.kind}`

/** Null when the two runs take exactly the same steps in the same order. */
export function runChange(pa: Program, a: Replay, pb: Program, b: Replay): RunChange | null {
  const n = Math.max(a.records.length, b.records.length)
  let index = -1
  for (let i = 0; i < n; i++) {
    const x = a.records[i]
    const y = b.records[i]
    if (x && y && key(x) === key(y)) continue
    index = i
    break
  }
  if (index < 0) return null
  const x = a.records[index]
  const y = b.records[index]
  return {
    index,
    before: x ? stepWords(pa, x) : 'the run had ended',
    after: y ? stepWords(pb, y) : 'the run ends',
    added: extra(b.records, a.records).map((r) => stepWords(pb, r)),
    vanished: extra(a.records, b.records).map((r) => stepWords(pa, r)),
  }
}

/** Steps of `xs` not matched by a step of `ys` (as multisets: a step taken twice counts twice). */
function extra(xs: readonly StepRecord[], ys: readonly StepRecord[]): StepRecord[] {
  const left = new Map<string, number>()
  for (const y of ys) left.set(key(y), (left.get(key(y)) ?? 0) + 1)
  const out: StepRecord[] = []
  const said = new Set<string>()
  for (const x of xs) {
    const k = key(x)
    const m = left.get(k) ?? 0
    if (m > 0) left.set(k, m - 1)
    else if (!said.has(k)) {
      // A step repeated in a loop is listed once.
      said.add(k)
      out.push(x)
    }
  }
  return out
}
