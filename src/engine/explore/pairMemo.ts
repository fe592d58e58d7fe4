/**
 * The explorer's shortcut for steps that read and write nothing of other threads: what thread
 * `j` does from its own cell `self` in world `world` (the tuple of a state's maps, rows.ts) is
 * the same in every state with those two, so it is remembered by that triple. A step met again
 * is then one probe of this table: the thread's new cell, the new world, and which recorded step
 * it was (transitions.ts), and how the state's hash moves, with no cell read, no map rebuilt and
 * no hash computed.
 *
 * Open addressing over one Int32Array, 6 integers an entry: the key (`self` × 8 + `j`; -1:
 * empty), the world, then the answer: new self, new world, step index, hash delta. Load at most three
 * quarters. Steps that read or write another thread are never entered; they take the
 * transition tree every time.
 */
const W = 6

/** At most this many entries (24 bytes each): past it, new pairs take the transition tree. */
const MAX_ENTRIES = 1 << 22

/** Cells are keyed with the thread in 3 bits (at most 8 threads, A–H). */
const MAX_SELF = 1 << 28

export class PairMemo {
  private table = new Int32Array(W * 4096).fill(-1)
  private count = 0

  /** The index of the entry for (j, self, world), or -1. Read the answer with the getters. */
  find(j: number, self: number, world: number): number {
    if (self >= MAX_SELF) return -1
    const t = this.table
    const key = (self << 3) | j
    const mask = t.length / W - 1
    for (let i = hash(key, world) & mask; ; i = (i + 1) & mask) {
      const at = i * W
      const k = t[at] as number
      if (k === -1) return -1
      if (k === key && t[at + 1] === world) return at
    }
  }

  newSelf(at: number): number {
    return this.table[at + 2] as number
  }

  newWorld(at: number): number {
    return this.table[at + 3] as number
  }

  step(at: number): number {
    return this.table[at + 4] as number
  }

  delta(at: number): number {
    return this.table[at + 5] as number
  }

  /** Remember an answer (the caller found none with `find`). */
  add(
    j: number,
    self: number,
    world: number,
    ...answer: [newSelf: number, newWorld: number, step: number, delta: number]
  ): void {
    if (this.count >= MAX_ENTRIES || self >= MAX_SELF) return
    if ((this.count + 1) * 4 > (this.table.length / W) * 3) this.grow()
    const key = (self << 3) | j
    this.table.set([key, world, ...answer], free(this.table, key, world))
    this.count++
  }

  private grow(): void {
    const old = this.table
    const t = new Int32Array(old.length * 2).fill(-1)
    for (let at = 0; at < old.length; at += W)
      if ((old[at] as number) !== -1)
        t.set(old.subarray(at, at + W), free(t, old[at] as number, old[at + 1] as number))
    this.table = t
  }
}

/** Where an entry for (key, world) goes in table `t`: the first empty slot of its probe. */
function free(t: Int32Array, key: number, world: number): number {
  const mask = t.length / W - 1
  let i = hash(key, world) & mask
  while ((t[i * W] as number) !== -1) i = (i + 1) & mask
  return i * W
}

function hash(key: number, world: number): number {
  let h = Math.imul(key ^ 0x9e3779b9, 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 15) ^ world, 0xc2b2ae35)
  return h ^ (h >>> 16)
}
