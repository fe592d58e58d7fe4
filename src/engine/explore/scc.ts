import type { Graph } from './graph'

/**
 * The strongly connected components of a graph, in the order Tarjan's algorithm closes them:
 * sinks first, a reverse topological order. Component `c` is `members[start[c]]` to
 * `members[start[c + 1]]`.
 */
export interface Components {
  readonly count: number
  readonly start: Int32Array
  readonly members: Int32Array
}

/** Tarjan's algorithm, iterative over typed arrays; progress edges are left out when asked (livelock). */
export function components(g: Graph, skipProgress: boolean, atPeak?: () => void): Components {
  const n = g.size
  const index = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const stack = new Int32Array(n)
  let sp = 0
  // The depth-first path: a state and the next edge to try from it.
  const workV = new Int32Array(n)
  const workE = new Int32Array(n)
  const members = new Int32Array(n)
  const starts: number[] = [0]
  let closed = 0
  let next = 0
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue
    let wp = 0
    workV[0] = root
    workE[0] = g.start[root] as number
    index[root] = low[root] = next++
    stack[sp++] = root
    onStack[root] = 1
    while (wp >= 0) {
      const v = workV[wp] as number
      const e = workE[wp] as number
      if (e < (g.start[v + 1] as number)) {
        workE[wp] = e + 1
        if (skipProgress && g.progress[e] === 1) continue
        const w = g.to[e] as number
        if (index[w] === -1) {
          index[w] = low[w] = next++
          stack[sp++] = w
          onStack[w] = 1
          wp++
          workV[wp] = w
          workE[wp] = g.start[w] as number
        } else if (onStack[w] === 1 && (index[w] as number) < (low[v] as number)) low[v] = index[w] as number
        continue
      }
      wp--
      if (wp >= 0) {
        const u = workV[wp] as number
        if ((low[v] as number) < (low[u] as number)) low[u] = low[v] as number
      }
      if (low[v] === index[v]) {
        let w: number
        do {
          w = stack[--sp] as number
          onStack[w] = 0
          members[closed++] = w
        } while (w !== v)
        starts.push(closed)
      }
    }
  }
  atPeak?.()
  return { count: starts.length - 1, start: Int32Array.from(starts), members }
}

/** The states of component `c`. */
export function componentStates(cs: Components, c: number): Int32Array {
  return cs.members.subarray(cs.start[c], cs.start[c + 1])
}
