import type { Graph } from './graph'
import { findFairCycle } from './livelock'
import { components, componentStates } from './scc'
import type { Symmetry } from './symmetry'

/**
 * Livelock on a symmetry-reduced graph. A cycle of representatives is not a cycle of real
 * states: going round it may leave the threads' roles permuted, and weak fairness is about real
 * threads. So each component of representatives (without progress edges) is lifted back: its
 * nodes are (representative, frame) pairs, one per element of the group, the real state
 * `frame · representative`; an edge of thread t and permutation g from v goes, from (v, f), to
 * (next, f∘g⁻¹) as a step of real thread f(t). That lifted graph maps onto the real one step for
 * step and state for state (a real state with a non-trivial stabiliser appears more than once,
 * which adds no cycle a real run lacks), so it has a fair cycle without progress exactly when the
 * real graph has one there. Only components with internal edges are lifted: a component costs
 * its size times the group's.
 *
 * The answer's cycle is in real thread numbers as seen from `frame · entry`.
 */
export interface LiftedCycle {
  readonly entry: number
  readonly frame: number
  readonly cycle: readonly number[]
  readonly alwaysEnabled: readonly number[]
}

export function findLiftedFairCycle(g: Graph, sym: Symmetry, atPeak?: () => void): LiftedCycle | null {
  const perm = g.perm
  if (!perm) throw new Error('livelock: a symmetry-reduced graph without its edge permutations')
  const G = sym.perms.length
  const cs = components(g, true, atPeak)
  const compOf = new Int32Array(g.size).fill(-1)
  /** A state's place in its component's sorted list (a typed array, not a Map per component). */
  const at = new Int32Array(g.size)
  for (let c = 0; c < cs.count; c++) {
    const states = componentStates(cs, c)
    for (const v of states) compOf[v] = c
    let internal = false
    for (const v of states)
      for (let e = g.start[v] as number; e < (g.start[v + 1] as number) && !internal; e++)
        if (g.progress[e] !== 1 && compOf[g.to[e] as number] === c) internal = true
    if (!internal) continue
    // In state order, so the entry (the least lifted node) is the representative met first.
    const list = Int32Array.from(states).sort()
    list.forEach((v, k) => (at[v] = k))
    const lifted = lift(g, sym, list, at, c, compOf)
    const fc = findFairCycle(lifted, atPeak)
    if (!fc) continue
    return {
      entry: list[Math.floor(fc.entry / G)] as number,
      frame: fc.entry % G,
      cycle: fc.cycle,
      alwaysEnabled: fc.alwaysEnabled,
    }
  }
  return null
}

/**
 * The lifted graph of one component. Edges that leave the component or make progress become
 * progress self-loops: they still say the thread is enabled there, and no cycle uses them.
 */
function lift(
  g: Graph,
  sym: Symmetry,
  list: Int32Array,
  at: Int32Array,
  c: number,
  compOf: Int32Array
): Graph {
  const G = sym.perms.length
  const perm = g.perm as Uint8Array
  const size = list.length * G
  let edges = 0
  for (const v of list) edges += (g.start[v + 1] as number) - (g.start[v] as number)
  edges *= G
  const start = new Int32Array(size + 1)
  const to = new Int32Array(edges)
  const thread = new Uint8Array(edges)
  const progress = new Uint8Array(edges)
  let e2 = 0
  list.forEach((v, k) => {
    for (let f = 0; f < G; f++) {
      const node = k * G + f
      start[node] = e2
      const fto = sym.perms[f]?.to as readonly number[]
      for (let e = g.start[v] as number; e < (g.start[v + 1] as number); e++) {
        const w = g.to[e] as number
        thread[e2] = fto[g.thread[e] as number] as number
        if (g.progress[e] !== 1 && compOf[w] === c) {
          const f2 = sym.mul[f]?.[sym.inv[perm[e] as number] as number] as number
          to[e2] = (at[w] as number) * G + f2
        } else {
          to[e2] = node
          progress[e2] = 1
        }
        e2++
      }
    }
  })
  start[size] = e2
  return { size, start, to, thread, progress, perm: null, threadCount: g.threadCount }
}
