import type { Symmetry } from './symmetry'
import { roomFor } from './roomFor'

/**
 * The breadth-first search tree in typed arrays: for each state, the state it was first reached
 * from, the thread that stepped, and the permutation that turned that successor into its stored
 * representative (0 without symmetry): 6 bytes a state. Depths are not stored per state: ids
 * are given in breadth-first order, so depth never decreases with the id, and the first id of
 * each depth is enough.
 */
export class SearchTree {
  private parent = new Int32Array(1024)
  private via = new Uint8Array(1024)
  private perm = new Uint8Array(1024)
  /** `levels[d]`: the first id at depth d. */
  private readonly levels: number[] = []
  size = 0
  private lastFrom = -2
  private lastDepth = -1

  constructor(private readonly sym: Symmetry | null) {}

  /** Record state `id` if it is new (ids come in order); returns `id`. */
  add(id: number, from: number, t: number, g: number): number {
    if (id < this.size) return id
    if (id >= this.parent.length) {
      // By half again, not double: the tree is kept to the end of the analysis.
      this.parent = roomFor(this.parent, id, 1.5)
      this.via = roomFor(this.via, id, 1.5)
      this.perm = roomFor(this.perm, id, 1.5)
    }
    this.parent[id] = from
    this.via[id] = t < 0 ? 0 : t
    this.perm[id] = g
    // A state's successors are added together: its depth is looked up once for all of them.
    if (from !== this.lastFrom) {
      this.lastFrom = from
      this.lastDepth = from < 0 ? -1 : this.depth(from)
    }
    const d = this.lastDepth + 1
    if (d >= this.levels.length) this.levels.push(id)
    this.size = id + 1
    return id
  }

  depth(id: number): number {
    const levels = this.levels
    let lo = 0
    let hi = levels.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((levels[mid] as number) <= id) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  maxDepth(): number {
    return Math.max(0, this.levels.length - 1)
  }

  /**
   * The real schedule (thread indices) to state `id`, and the frame there: the permutation that
   * maps the stored representative onto the state the schedule really reaches.
   */
  path(id: number): { threads: number[]; frame: number } {
    const steps: number[] = []
    const perms: number[] = []
    for (let v = id; v > 0; v = this.parent[v] as number) {
      steps.push(this.via[v] as number)
      perms.push(this.perm[v] as number)
    }
    steps.reverse()
    perms.reverse()
    return realize(this.sym, steps, perms)
  }
}

/**
 * A path in the reduced graph, as the thread each edge names (in its source representative's
 * numbering) and the permutation of each edge, turned into the real schedule from the initial
 * state. The real state is `frame · representative`; a step of thread t there is a step of
 * thread `frame(t)`, and the real successor is `frame · g⁻¹ · next representative`.
 */
export function realize(
  sym: Symmetry | null,
  steps: readonly number[],
  perms: readonly number[]
): { threads: number[]; frame: number } {
  if (!sym) return { threads: [...steps], frame: 0 }
  let frame = 0
  const threads = steps.map((t, i) => {
    const real = sym.perms[frame]?.to[t] as number
    frame = sym.mul[frame]?.[sym.inv[perms[i] as number] as number] as number
    return real
  })
  return { threads, frame }
}

/** Threads of a walk seen in frame `a`, renumbered as seen in frame `b` (both at one state). */
export function reframe(sym: Symmetry | null, threads: readonly number[], a: number, b: number): number[] {
  if (!sym || a === b) return [...threads]
  const g = sym.mul[b]?.[sym.inv[a] as number] as number
  return threads.map((t) => sym.perms[g]?.to[t] as number)
}
