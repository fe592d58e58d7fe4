/** The explored state graph: per state, its outgoing edges as [to, thread, isProgress] triples. */
export interface Graph {
  readonly size: number
  readonly edges: readonly (readonly number[])[]
  readonly threadCount: number
}

/**
 * Strongly connected components of the state graph (iterative Tarjan), optionally ignoring
 * progress edges (for livelock). Components come out sinks first: reverse topological order.
 */
export function components(g: Graph, skipProgress: boolean): number[][] {
  const index = new Int32Array(g.size).fill(-1)
  const low = new Int32Array(g.size)
  const onStack = new Uint8Array(g.size)
  const stack: number[] = []
  const out: number[][] = []
  let next = 0
  for (let root = 0; root < g.size; root++) {
    if (index[root] !== -1) continue
    const work: [number, number][] = [[root, 0]]
    index[root] = low[root] = next++
    stack.push(root)
    onStack[root] = 1
    while (work.length > 0) {
      const top = work[work.length - 1] as [number, number]
      const [v, ei] = top
      const es = g.edges[v] ?? []
      if (ei < es.length) {
        top[1] = ei + 3
        if (skipProgress && es[ei + 2] === 1) continue
        const w = es[ei] as number
        if (index[w] === -1) {
          index[w] = low[w] = next++
          stack.push(w)
          onStack[w] = 1
          work.push([w, 0])
        } else if (onStack[w]) low[v] = Math.min(low[v] as number, index[w] as number)
        continue
      }
      work.pop()
      const parent = work[work.length - 1]
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number)
      if (low[v] === index[v]) {
        const comp: number[] = []
        let w: number
        do {
          w = stack.pop() as number
          onStack[w] = 0
          comp.push(w)
        } while (w !== v)
        out.push(comp)
      }
    }
  }
  return out
}
