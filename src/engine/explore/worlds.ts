/**
 * The shared part of stored states, interned once. A state is its threads plus eleven maps
 * (folios, locks, page tables…); the maps change far less often than the threads, and many
 * states share one combination of them. So a stored row keeps the threads and one integer, the
 * id of its *world*: the tuple of its maps' ids, kept here once. Rows shrink from 15 integers to
 * 5 on a four-thread race, and comparing two rows compares 5.
 */
export class WorldTable {
  private tuples: Int32Array
  private hashes = new Int32Array(256)
  /** Open addressing: world id + 1, or 0 for an empty slot. */
  private slots = new Int32Array(1024)
  private count = 0

  constructor(private readonly width: number) {
    this.tuples = new Int32Array(256 * width)
  }

  /** Map `k` (0-based among the maps) of world `w`. */
  map(w: number, k: number): number {
    return this.tuples[w * this.width + k] as number
  }

  /** Copy world `w`'s maps into `out` from index `at`. */
  load(w: number, out: Int32Array, at: number): void {
    const base = w * this.width
    for (let k = 0; k < this.width; k++) out[at + k] = this.tuples[base + k] as number
  }

  /** The id of the world whose maps are `row[at]` to `row[at + width - 1]`; added if new. */
  intern(row: Int32Array, at: number): number {
    const width = this.width
    let h = 0x9e3779b9 | 0
    for (let k = 0; k < width; k++) h = Math.imul(h ^ (row[at + k] as number), 0x85ebca6b) ^ (h >>> 13)
    const mask = this.slots.length - 1
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i] as number
      if (s === 0) {
        const w = this.push(row, at, h)
        this.slots[i] = w + 1
        if (this.count * 2 > this.slots.length) this.rehash()
        return w
      }
      const w = s - 1
      if (this.hashes[w] !== h) continue
      const base = w * width
      let k = 0
      while (k < width && this.tuples[base + k] === row[at + k]) k++
      if (k === width) return w
    }
  }

  private push(row: Int32Array, at: number, h: number): number {
    const w = this.count++
    if (w >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
      const tuples = new Int32Array(this.tuples.length * 2)
      tuples.set(this.tuples)
      this.tuples = tuples
    }
    this.hashes[w] = h
    for (let k = 0; k < this.width; k++) this.tuples[w * this.width + k] = row[at + k] as number
    return w
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2)
    const mask = slots.length - 1
    for (let w = 0; w < this.count; w++) {
      let i = (this.hashes[w] as number) & mask
      while ((slots[i] as number) !== 0) i = (i + 1) & mask
      slots[i] = w + 1
    }
    this.slots = slots
  }
}
