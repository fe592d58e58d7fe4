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

/** A pair's switch count before the search reaches it. */
const UNREACHED = 0x7fffffff

/** The state an edge leaves: edges are stored by source, so a binary search over `g.start`. */
function sourceOf(g: Graph, e: number): number {
  let lo = 0
  let hi = g.size - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if ((g.start[mid] as number) <= e) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * On a symmetry-reduced graph the thread that ran last is kept in each representative's own
 * numbering: an edge of thread t and permutation g makes it `g(t)` at the next representative.
 */
export function fewestSwitches(g: Graph, sym: Symmetry | null = null, atPeak?: () => void): SwitchSearch {
  const T = g.threadCount
  const n = g.size * T
  // 9 bytes per (state, thread) pair: the switch count, the edge that reached the pair first,
  // and the thread that ran last before it (the edge's source state is found from `g.start`).
  const dist = new Int32Array(n).fill(UNREACHED)
  const parentEdge = new Int32Array(n).fill(-1)
  const parentLast = new Uint8Array(n)
  const perm = sym ? g.perm : null
  let layer: number[] = []
  for (let t = 0; t < T; t++) {
    dist[t] = 0
    layer.push(t)
  }
  let d = 0
  let most = 0
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
        parentEdge[w] = e
        parentLast[w] = last
        if (nd === d) layer.push(w)
        else next.push(w)
      }
    }
    // The most memory: the largest pair of layers so far, beside the arrays above.
    if (layer.length + next.length > most) {
      most = layer.length + next.length
      atPeak?.()
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
    switchesTo: (v) => {
      if (v === 0) return 0
      const d = dist[best(v)] as number
      return d === UNREACHED ? Infinity : d
    },
    pathTo: (v) => {
      const steps: number[] = []
      const perms: number[] = []
      if (v !== 0)
        for (let u = best(v); parentEdge[u] !== -1;) {
          const e = parentEdge[u] as number
          steps.push(g.thread[e] as number)
          perms.push(perm ? (perm[e] as number) : 0)
          u = sourceOf(g, e) * T + (parentLast[u] as number)
        }
      return realize(sym, steps.reverse(), perms.reverse())
    },
  }
}
