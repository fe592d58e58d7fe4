import type { Graph } from './graph'
import { components, type Components } from './scc'

/**
 * A count of interleavings: exact, unbounded because a reachable cycle allows runs of any
 * length, or too many to count within the memory bound (see `BigCountLimits`).
 */
export type Count = bigint | 'unbounded' | 'too-many'

/**
 * Counting past 2^53 keeps one big integer per state and outcome, and each grows with the
 * graph's depth: on a graph near the state budget that is gigabytes. So the exact pass runs
 * only on at most `cells` (states × counted outcomes) and gives up on a count over `bits`
 * bits: the answer is then `too-many`, never an out-of-memory crash. At the defaults the big
 * integers take at most about 2,000,000 × (64 + 24) bytes, under 200 MB.
 */
export interface BigCountLimits {
  readonly cells: number
  readonly bits: number
}

export const BIG_COUNT_LIMITS: BigCountLimits = { cells: 2_000_000, bits: 512 }

/**
 * How many complete interleavings there are (maximal runs from the initial state: runs that end
 * where no thread can move, and, with a cycle, runs that never end), and how many of them reach
 * each outcome. Counted over the state graph in reverse topological order, never by enumerating
 * paths: two threads leading to the same state are two interleavings.
 *
 * `hits[o]` tells, per state, whether outcome `o` holds there (for an end-of-run outcome, only at
 * terminal states); a run reaches `o` if any state along it does.
 *
 * Counts are taken in doubles first, which are exact up to 2^53 and fast; a graph with more
 * runs than that is counted again in big integers.
 */
export function countInterleavings(
  g: Graph,
  hits: readonly (Uint8Array | LazyHits)[],
  limits: BigCountLimits = BIG_COUNT_LIMITS,
  atPeak?: () => void
): { total: Count; byOutcome: Count[] } {
  const cs = components(g, false, atPeak)
  // An outcome that holds nowhere is reached by no run: only the others need counting.
  const held = hits.map((h) => (h instanceof Uint8Array ? h.includes(1) : h.held))
  const live = hits.filter((_, o) => held[o])
  const spread = <T>(counts: readonly T[], zero: T): T[] => {
    let k = 0
    return held.map((on) => (on ? (counts[k++] as T) : zero))
  }
  const quick = countEach(g, live, cs, DOUBLES, atPeak)
  if (quick) {
    const show = (x: number): Count => (x === Infinity ? 'unbounded' : BigInt(x))
    return { total: show(quick.total), byOutcome: spread(quick.byOutcome, 0).map(show) }
  }
  const exact =
    g.size * (live.length + 1) <= limits.cells ? countEach(g, live, cs, bigints(limits.bits), atPeak) : null
  if (!exact)
    return {
      total: 'too-many',
      byOutcome: spread(
        live.map((): Count => 'too-many'),
        0n
      ),
    }
  const show = (x: bigint): Count => (x === BIG_INF ? 'unbounded' : x)
  return { total: show(exact.total), byOutcome: spread(exact.byOutcome, 0n).map(show) }
}

/**
 * Where one outcome holds, made only when it is counted (`make`), so a large graph has one such
 * array at a time; `held` tells whether it holds anywhere.
 */
export interface LazyHits {
  readonly held: boolean
  make(): Uint8Array
}

/** The arithmetic of counts: `inf` stands for unbounded and absorbs every sum. */
interface Arith<T> {
  readonly zero: T
  readonly one: T
  readonly inf: T
  array(n: number): { [i: number]: T }
  add(a: T, b: T): T
  /** False when the value may have lost precision (then the count is redone exactly). */
  exact(x: T): boolean
}

const DOUBLES: Arith<number> = {
  zero: 0,
  one: 1,
  inf: Infinity,
  array: (n) => new Float64Array(n),
  add: (a, b) => a + b,
  exact: (x) => x === Infinity || x <= Number.MAX_SAFE_INTEGER,
}

const BIG_INF = -1n
/** Big integers up to `bits` bits; a larger total stops the count (`exact` is then false). */
function bigints(bits: number): Arith<bigint> {
  const limit = 1n << BigInt(bits)
  return {
    zero: 0n,
    one: 1n,
    inf: BIG_INF,
    array: (n) => new Array<bigint>(n).fill(0n),
    add: (a, b) => (a === BIG_INF || b === BIG_INF ? BIG_INF : a + b),
    exact: (x) => x < limit,
  }
}

/**
 * `countWith` one outcome at a time: two arrays of counts per state at any moment instead of one
 * per outcome, which on a large graph is most of what the analysis after the search allocates.
 * Null as soon as one count is not exact.
 */
function countEach<T>(
  g: Graph,
  hits: readonly (Uint8Array | LazyHits)[],
  cs: Components,
  A: Arith<T>,
  atPeak?: () => void
): { total: T; byOutcome: T[] } | null {
  if (hits.length === 0) return countWith(g, [], cs, A, atPeak)
  let total = A.zero
  const byOutcome: T[] = []
  for (const h of hits) {
    const r = countWith(g, [h instanceof Uint8Array ? h : h.make()], cs, A, atPeak)
    if (!r) return null
    total = r.total
    byOutcome.push(r.byOutcome[0] as T)
  }
  return { total, byOutcome }
}

function countWith<T>(
  g: Graph,
  hits: readonly Uint8Array[],
  cs: Components,
  A: Arith<T>,
  atPeak?: () => void
): { total: T; byOutcome: T[] } | null {
  const { start, to } = g
  const total = A.array(g.size)
  const bad = hits.map(() => A.array(g.size))
  const compOf = new Int32Array(g.size).fill(-1)
  for (let c = 0; c < cs.count; c++) {
    const lo = cs.start[c] as number
    const hi = cs.start[c + 1] as number
    const first = cs.members[lo] as number
    let cyclic = hi - lo > 1
    for (let e = start[first] as number; !cyclic && e < (start[first + 1] as number); e++)
      if (to[e] === first) cyclic = true
    if (cyclic) {
      // A cycle: infinitely many runs pass through here; an outcome is reached by infinitely
      // many of them if it holds in the cycle or anywhere after it.
      for (let i = lo; i < hi; i++) compOf[cs.members[i] as number] = c
      const reachesOut = hits.map(() => false)
      for (let i = lo; i < hi; i++) {
        const v = cs.members[i] as number
        for (let o = 0; o < hits.length; o++) {
          if ((hits[o] as Uint8Array)[v]) reachesOut[o] = true
          for (let e = start[v] as number; e < (start[v + 1] as number); e++) {
            const w = to[e] as number
            if (compOf[w] !== c && (bad[o] as { [i: number]: T })[w] !== A.zero) reachesOut[o] = true
          }
        }
      }
      for (let i = lo; i < hi; i++) {
        const v = cs.members[i] as number
        total[v] = A.inf
        for (let o = 0; o < hits.length; o++)
          (bad[o] as { [i: number]: T })[v] = reachesOut[o] ? A.inf : A.zero
      }
      continue
    }
    const v = first
    const e0 = start[v] as number
    const e1 = start[v + 1] as number
    let t = e0 === e1 ? A.one : A.zero
    for (let e = e0; e < e1; e++) t = A.add(t, total[to[e] as number] as T)
    // Every count at v is at most the total there, so checking the total checks them all.
    if (!A.exact(t)) return null
    total[v] = t
    for (let o = 0; o < hits.length; o++) {
      const b = bad[o] as { [i: number]: T }
      if ((hits[o] as Uint8Array)[v]) {
        b[v] = t
        continue
      }
      let sum = A.zero
      for (let e = e0; e < e1; e++) sum = A.add(sum, b[to[e] as number] as T)
      b[v] = sum
    }
  }
  atPeak?.()
  return { total: total[0] ?? A.zero, byOutcome: bad.map((b) => b[0] ?? A.zero) }
}
