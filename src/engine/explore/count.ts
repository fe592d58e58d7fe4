import { components, type Graph } from './scc'

/** A count of interleavings: exact, or unbounded because a reachable cycle allows runs of any length. */
export type Count = bigint | 'unbounded'

/**
 * How many complete interleavings there are (maximal runs from the initial state: runs that end
 * where no thread can move, and, with a cycle, runs that never end), and how many of them reach
 * each outcome. Counted over the state graph in reverse topological order, never by enumerating
 * paths: two threads leading to the same state are two interleavings.
 *
 * `hits[o]` tells, per state, whether outcome `o` holds there (for an end-of-run outcome, only at
 * terminal states); a run reaches `o` if any state along it does.
 */
export function countInterleavings(
  g: Graph,
  hits: readonly Uint8Array[]
): { total: Count; byOutcome: Count[] } {
  const INF = -1n
  const total = new Array<bigint>(g.size).fill(0n)
  const bad = hits.map(() => new Array<bigint>(g.size).fill(0n))
  const add = (a: bigint, b: bigint) => (a === INF || b === INF ? INF : a + b)
  for (const comp of components(g, false)) {
    const inComp = comp.length > 1 ? new Set(comp) : null
    const self =
      comp.length === 1 &&
      (g.edges[comp[0] as number] ?? []).some((_, i, es) => i % 3 === 0 && es[i] === comp[0])
    if (inComp || self) {
      // A cycle: infinitely many runs pass through here; an outcome is reached by infinitely
      // many of them if it holds in the cycle or anywhere after it.
      let reachesOut = hits.map(() => false)
      for (const v of comp) {
        hits.forEach((h, o) => {
          if (h[v]) reachesOut[o] = true
        })
        const es = g.edges[v] ?? []
        for (let i = 0; i < es.length; i += 3) {
          const w = es[i] as number
          if (inComp?.has(w) || w === v) continue
          reachesOut = reachesOut.map((r, o) => r || (bad[o]?.[w] ?? 0n) !== 0n)
        }
      }
      for (const v of comp) {
        total[v] = INF
        reachesOut.forEach((r, o) => {
          ;(bad[o] as bigint[])[v] = r ? INF : 0n
        })
      }
      continue
    }
    const v = comp[0] as number
    const es = g.edges[v] ?? []
    let t = es.length === 0 ? 1n : 0n
    for (let i = 0; i < es.length; i += 3) t = add(t, total[es[i] as number] as bigint)
    total[v] = t
    hits.forEach((h, o) => {
      const b = bad[o] as bigint[]
      if (h[v]) {
        b[v] = t
        return
      }
      let sum = 0n
      for (let i = 0; i < es.length; i += 3) sum = add(sum, b[es[i] as number] as bigint)
      b[v] = sum
    })
  }
  const show = (c: bigint): Count => (c === INF ? 'unbounded' : c)
  return { total: show(total[0] ?? 0n), byOutcome: bad.map((b) => show(b[0] ?? 0n)) }
}
