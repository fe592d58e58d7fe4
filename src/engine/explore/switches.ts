/**
 * Fewest context switches: the schedule people draw is the one where the CPUs take turns as
 * rarely as possible, not necessarily the shortest. A switch is a step by a different thread
 * than the step before it (`B3A14B5` has two). Found by a 0-1 breadth-first search over the
 * explored graph, on (state, thread that ran last) pairs: a step by the same thread costs 0, by
 * another thread 1. The first step is free.
 */
import type { Graph } from './graph'

/** How many times the running thread changes along a schedule's letters. */
export function contextSwitches(letters: readonly string[]): number {
  let n = 0
  for (let i = 1; i < letters.length; i++) if (letters[i] !== letters[i - 1]) n++
  return n
}

export interface SwitchSearch {
  /** The fewest switches to reach state `v` (Infinity when unreached). */
  readonly switchesTo: (v: number) => number
  /** A schedule (thread indices) reaching `v` with that many switches. */
  readonly pathTo: (v: number) => number[]
}

export function fewestSwitches(g: Graph): SwitchSearch {
  const T = g.threadCount
  const n = g.size * T
  const dist = new Float64Array(n).fill(Infinity)
  const parent = new Int32Array(n).fill(-1)
  let layer: number[] = []
  for (let t = 0; t < T; t++) {
    dist[t] = 0
    layer.push(t)
  }
  let d = 0
  while (layer.length > 0) {
    const next: number[] = []
    for (let i = 0; i < layer.length; i++) {
      const u = layer[i] as number
      if (dist[u] !== d) continue
      const v = Math.floor(u / T)
      const last = u % T
      for (let e = g.start[v] as number; e < (g.start[v + 1] as number); e++) {
        const t = g.thread[e] as number
        const w = (g.to[e] as number) * T + t
        const nd = t === last ? d : d + 1
        if (nd >= (dist[w] as number)) continue
        dist[w] = nd
        parent[w] = u
        if (nd === d) layer.push(w)
        else next.push(w)
      }
    }
    layer = next
    d++
  }
  const best = (v: number): number => {
    let b = -1
    for (let t = 0; t < T; t++) if (b < 0 || (dist[v * T + t] as number) < (dist[b] as number)) b = v * T + t
    return b
  }
  return {
    switchesTo: (v) => (v === 0 ? 0 : (dist[best(v)] as number)),
    pathTo: (v) => {
      const out: number[] = []
      if (v === 0) return out
      for (let u = best(v); parent[u] !== -1; u = parent[u] as number) out.push(u % T)
      return out.reverse()
    },
  }
}
