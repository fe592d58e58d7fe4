/**
 * Fewest context switches: the schedule people draw is the one where the CPUs take turns as
 * rarely as possible, not necessarily the shortest. A switch is a step by a different thread
 * than the step before it (`B3A14B5` has two). Found by a 0-1 breadth-first search over the
 * explored graph, on (state, thread that ran last) pairs: a step by the same thread costs 0, by
 * another thread 1. The first step is free.
 */
import type { Graph } from './graph'
import type { Symmetry } from './symmetry'
import { realize } from './tree'

/** How many times the running thread changes along a schedule's letters. */
export function contextSwitches(letters: readonly string[]): number {
  let n = 0
  for (let i = 1; i < letters.length; i++) if (letters[i] !== letters[i - 1]) n++
  return n
}

export interface SwitchSearch {
  /** The fewest switches to reach state `v` (Infinity when unreached). */
  readonly switchesTo: (v: number) => number
  /** A real schedule (thread indices) reaching `v` with that many switches, and its frame there. */
  readonly pathTo: (v: number) => { threads: number[]; frame: number }
}

/**
 * On a symmetry-reduced graph the thread that ran last is kept in each representative's own
 * numbering: an edge of thread t and permutation g makes it `g(t)` at the next representative.
 */
export function fewestSwitches(g: Graph, sym: Symmetry | null = null): SwitchSearch {
  const T = g.threadCount
  const n = g.size * T
  const dist = new Float64Array(n).fill(Infinity)
  const parent = new Int32Array(n).fill(-1)
  const parentEdge = new Int32Array(n).fill(-1)
  const perm = sym ? g.perm : null
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
        const w = (g.to[e] as number) * T + (perm ? (sym?.perms[perm[e] as number]?.to[t] as number) : t)
        const nd = t === last ? d : d + 1
        if (nd >= (dist[w] as number)) continue
        dist[w] = nd
        parent[w] = u
        parentEdge[w] = e
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
      const steps: number[] = []
      const perms: number[] = []
      if (v !== 0)
        for (let u = best(v); parent[u] !== -1; u = parent[u] as number) {
          const e = parentEdge[u] as number
          steps.push(g.thread[e] as number)
          perms.push(perm ? (perm[e] as number) : 0)
        }
      return realize(sym, steps.reverse(), perms.reverse())
    },
  }
}
