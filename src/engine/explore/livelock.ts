/**
 * Livelock under weak fairness (CONVENTIONS.md): a reachable cycle in which no progress step runs
 * and every thread enabled throughout the cycle steps in it.
 *
 * Within one strongly connected component of the graph without progress edges, a cycle can use
 * every edge, so the best cycle steps every thread that labels an internal edge, and a thread
 * enabled in every state of the component is enabled throughout any cycle in it. Hence the
 * component holds a fair cycle iff each thread enabled in all its states labels an internal edge.
 */
import { hasEdge, type Graph } from './graph'
import { components, componentStates } from './scc'

export type { Graph } from './graph'

export interface FairCycle {
  /** Where the cycle starts: the least state of its component. */
  readonly entry: number
  /** The cycle as thread indices, starting and ending at `entry`. */
  readonly cycle: readonly number[]
  /** Threads enabled in every state of the component: each steps in the cycle. */
  readonly alwaysEnabled: readonly number[]
}

export function findFairCycle(g: Graph, atPeak?: () => void): FairCycle | null {
  const cs = components(g, true, atPeak)
  const compOf = new Int32Array(g.size).fill(-1)
  for (let c = 0; c < cs.count; c++) {
    const comp = componentStates(cs, c)
    for (const v of comp) compOf[v] = c
    const stepping = new Set<number>()
    let internal = 0
    for (const v of comp) {
      for (let e = g.start[v] as number; e < (g.start[v + 1] as number); e++)
        if (g.progress[e] !== 1 && compOf[g.to[e] as number] === c) {
          stepping.add(g.thread[e] as number)
          internal++
        }
    }
    if (internal === 0) continue
    const alwaysEnabled: number[] = []
    for (let t = 0; t < g.threadCount; t++) {
      if (comp.every((v) => hasEdge(g, v, t))) alwaysEnabled.push(t)
    }
    if (!alwaysEnabled.every((t) => stepping.has(t))) continue
    // Membership by the component array, not a Set of its states: a component can hold most of
    // a large graph, and a Set costs tens of bytes per state.
    const inComp = (v: number) => compOf[v] === c
    // A loop, not Math.min(...comp): a component can hold more states than a call has arguments.
    const entry = comp.reduce((a, b) => Math.min(a, b))
    const cycle = fairWitness(g, inComp, entry, alwaysEnabled, comp.length)
    atPeak?.()
    return { entry, cycle, alwaysEnabled }
  }
  return null
}

/**
 * A closed walk from `entry` inside the component that visits every state of it (so the threads
 * enabled throughout the walk are exactly those enabled everywhere in the component) and takes a
 * step of every thread in `need`. Components larger than `TOUR_LIMIT` get a walk that only covers
 * `need`; the verdict does not depend on the witness.
 */
const TOUR_LIMIT = 5000

function witness(
  g: Graph,
  inComp: (v: number) => boolean,
  entry: number,
  need: readonly number[],
  full: boolean,
  size: number
): number[] {
  const tour = full && size <= TOUR_LIMIT
  const cycle: number[] = []
  const visited = new Set([entry])
  const stepped = new Set<number>()
  let at = entry
  for (;;) {
    const r = walkTo(
      g,
      inComp,
      at,
      (t, to) => (need.includes(t) && !stepped.has(t)) || (tour && !visited.has(to))
    )
    if (!r) break
    cycle.push(...r.path)
    r.path.forEach((t) => stepped.add(t))
    r.states.forEach((v) => visited.add(v))
    at = r.end
  }
  if (at !== entry || cycle.length === 0) {
    const back = walkTo(g, inComp, at, (_t, to) => to === entry)
    if (back) cycle.push(...back.path)
  }
  return cycle
}

/** Per graph, reusable arrays for `walkTo` (it runs a few times per witness on one graph). */
const scratch = new WeakMap<
  Graph,
  { stamp: Int32Array; prev: Int32Array; prevT: Uint8Array; round: number }
>()

/** The shortest walk inside the component (no progress edges) from `from` to an edge meeting `goal`. */
function walkTo(
  g: Graph,
  inComp: (v: number) => boolean,
  from: number,
  goal: (t: number, to: number) => boolean
): { path: number[]; states: number[]; end: number } | null {
  // Typed arrays stamped per call, not a Map and a Set: a lifted component (liftedLivelock.ts)
  // can hold millions of nodes.
  let w = scratch.get(g)
  if (!w) {
    w = {
      stamp: new Int32Array(g.size),
      prev: new Int32Array(g.size),
      prevT: new Uint8Array(g.size),
      round: 0,
    }
    scratch.set(g, w)
  }
  const round = ++w.round
  const { stamp, prev, prevT } = w
  const queue = [from]
  stamp[from] = round
  for (let qi = 0; qi < queue.length; qi++) {
    const v = queue[qi] as number
    for (let e = g.start[v] as number; e < (g.start[v + 1] as number); e++) {
      const to = g.to[e] as number
      const t = g.thread[e] as number
      if (g.progress[e] === 1 || !inComp(to)) continue
      if (goal(t, to)) {
        const path = [t]
        const states = [to]
        let cur = v
        while (cur !== from) {
          path.unshift(prevT[cur] as number)
          states.unshift(cur)
          cur = prev[cur] as number
        }
        return { path, states, end: to }
      }
      if (stamp[to] !== round) {
        stamp[to] = round
        prev[to] = v
        prevT[to] = t
        queue.push(to)
      }
    }
  }
  return null
}

/**
 * The short witness a person can follow: a closed walk covering `need`, checked for fairness on
 * its own states (a thread enabled all along it must step in it); threads that fail the check
 * are added and the walk rebuilt. If that does not settle, the full tour of the component.
 */
function fairWitness(
  g: Graph,
  inComp: (v: number) => boolean,
  entry: number,
  alwaysEnabled: readonly number[],
  size: number
): number[] {
  const need = new Set(alwaysEnabled)
  for (let round = 0; round <= g.threadCount; round++) {
    const cycle = witness(g, inComp, entry, [...need], false, size)
    const states = statesOf(g, entry, cycle)
    const stepped = new Set(cycle)
    const missing: number[] = []
    for (let t = 0; t < g.threadCount; t++) {
      if (stepped.has(t)) continue
      if (states.every((v) => hasEdge(g, v, t))) missing.push(t)
    }
    if (missing.length === 0 && cycle.length > 0) return cycle
    if (missing.every((t) => need.has(t))) break
    missing.forEach((t) => need.add(t))
  }
  return witness(g, inComp, entry, [...alwaysEnabled], true, size)
}

/** The states a walk of thread choices visits from `entry` (first matching non-progress edge). */
function statesOf(g: Graph, entry: number, cycle: readonly number[]): number[] {
  const out = [entry]
  let at = entry
  for (const t of cycle) {
    for (let e = g.start[at] as number; e < (g.start[at + 1] as number); e++)
      if (g.thread[e] === t && g.progress[e] !== 1) {
        at = g.to[e] as number
        break
      }
    out.push(at)
  }
  return out
}
