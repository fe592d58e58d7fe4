/**
 * The explorer's shortcut for steps that read and write nothing of other threads: what thread
 * `j` does from its own cell `self` in world `world` (the tuple of a state's maps, rows.ts) is
 * the same in every state with those two, so it is remembered by that triple. A step met again
 * is then one probe of this table: the thread's new cell, the new world, how the state's hash
 * moves, and which recorded step it was (transitions.ts), with no cell read and no map rebuilt.
 *
 * Open addressing over one Int32Array, 7 integers an entry: j (-1: empty), self, world, then the
 * answer: new self, new world, hash delta, step index. Steps that read or write another thread
 * are never entered; they take the transition tree every time.
 */
const W = 7

/** At most this many entries (28 bytes each): past it, new pairs take the transition tree. */
const MAX_ENTRIES = 1 << 21

export class PairMemo {
  private table = new Int32Array(W * 4096).fill(-1)
  private count = 0

  /** The index of the entry for (j, self, world), or -1. Read the answer with the getters. */
  find(j: number, self: number, world: number): number {
    const t = this.table
    const mask = t.length / W - 1
    for (let i = hash(j, self, world) & mask; ; i = (i + 1) & mask) {
      const at = i * W
      const tj = t[at] as number
      if (tj < 0) return -1
      if (tj === j && t[at + 1] === self && t[at + 2] === world) return at
    }
  }

  newSelf(at: number): number {
    return this.table[at + 3] as number
  }

  newWorld(at: number): number {
    return this.table[at + 4] as number
  }

  delta(at: number): number {
    return this.table[at + 5] as number
  }

  step(at: number): number {
    return this.table[at + 6] as number
  }

  /** Remember an answer (the caller found none with `find`). */
  add(
    j: number,
    self: number,
    world: number,
    newSelf: number,
    newWorld: number,
    delta: number,
    step: number
  ): void {
    if (this.count >= MAX_ENTRIES) return
    if ((this.count + 1) * 2 > this.table.length / W) this.grow()
    this.put(this.table, j, self, world, newSelf, newWorld, delta, step)
    this.count++
  }

  private put(
    t: Int32Array,
    j: number,
    self: number,
    world: number,
    newSelf: number,
    newWorld: number,
    delta: number,
    step: number
  ): void {
    const mask = t.length / W - 1
    let i = hash(j, self, world) & mask
    while ((t[i * W] as number) >= 0) i = (i + 1) & mask
    const at = i * W
    t[at] = j
    t[at + 1] = self
    t[at + 2] = world
    t[at + 3] = newSelf
    t[at + 4] = newWorld
    t[at + 5] = delta
    t[at + 6] = step
  }

  private grow(): void {
    const old = this.table
    const t = new Int32Array(old.length * 2).fill(-1)
    for (let at = 0; at < old.length; at += W)
      if ((old[at] as number) >= 0)
        this.put(
          t,
          old[at] as number,
          old[at + 1] as number,
          old[at + 2] as number,
          old[at + 3] as number,
          old[at + 4] as number,
          old[at + 5] as number,
          old[at + 6] as number
        )
    this.table = t
  }
}

function hash(j: number, self: number, world: number): number {
  let h = Math.imul(self ^ 0x9e3779b9, 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 15) ^ world, 0xc2b2ae35)
  h ^= j << 27
  return h ^ (h >>> 16)
}
