import { roomFor } from './roomFor'

/**
 * The explored state graph in compressed rows: the edges out of state `v` are the indices
 * `start[v]` to `start[v + 1]` of `to` (the successor), `thread` (the thread that stepped) and
 * `progress` (1 when that step counts as progress, for livelock). Flat typed arrays, because a
 * large graph has hundreds of thousands of states and the analyses walk every edge.
 */
export interface Graph {
  readonly size: number
  readonly start: Int32Array
  readonly to: Int32Array
  readonly thread: Uint8Array
  readonly progress: Uint8Array
  /**
   * With symmetry reduction: the permutation (index into the group) that turned each edge's
   * successor into the stored representative (explore/tree.ts `realize`); null without.
   */
  readonly perm: Uint8Array | null
  readonly threadCount: number
}

/**
 * Builds a `Graph` while a breadth-first search runs: states are expanded in id order, so each
 * state's edges are added together, right after `open(v)`.
 */
export class GraphBuilder {
  private start = new Int32Array(1024)
  private to = new Int32Array(4096)
  private thread = new Uint8Array(4096)
  private progress = new Uint8Array(4096)
  private perm: Uint8Array | null
  private edges = 0
  private opened = 0

  constructor(
    private readonly threadCount: number,
    withPerms = false
  ) {
    this.perm = withPerms ? new Uint8Array(4096) : null
  }

  /** Start state `v`'s edges; states must be opened in order 0, 1, 2… */
  open(v: number): void {
    if (v !== this.opened) throw new Error(`graph: state ${String(v)} opened out of order`)
    this.start = roomFor(this.start, v + 1, 1.5)
    this.start[v] = this.edges
    this.opened++
  }

  edge(to: number, thread: number, progress: boolean, perm = 0): void {
    const e = this.edges++
    if (e >= this.to.length) {
      // By half again, not double: the edges are most of what a large search keeps.
      this.to = roomFor(this.to, e, 1.5)
      this.thread = roomFor(this.thread, e, 1.5)
      this.progress = roomFor(this.progress, e, 1.5)
      if (this.perm) this.perm = roomFor(this.perm, e, 1.5)
    }
    this.to[e] = to
    this.thread[e] = thread
    this.progress[e] = progress ? 1 : 0
    if (this.perm) this.perm[e] = perm
  }

  /** The graph over `size` states; states never opened (a search cut short) have no edges. */
  finish(size: number): Graph {
    const start = new Int32Array(size + 1)
    start.set(this.start.subarray(0, Math.min(this.opened, size)))
    start.fill(this.edges, Math.min(this.opened, size))
    return {
      size,
      start,
      to: this.to.subarray(0, this.edges),
      thread: this.thread.subarray(0, this.edges),
      progress: this.progress.subarray(0, this.edges),
      perm: this.perm ? this.perm.subarray(0, this.edges) : null,
      threadCount: this.threadCount,
    }
  }
}

/** Does thread `t` label an edge out of `v`? */
export function hasEdge(g: Graph, v: number, t: number): boolean {
  for (let e = g.start[v] as number; e < (g.start[v + 1] as number); e++) if (g.thread[e] === t) return true
  return false
}
