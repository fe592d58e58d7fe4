import { WorldTable } from './worlds'

/** Rows per chunk of the row store: 2^14. */
const CHUNK_BITS = 14
const CHUNK_MASK = (1 << CHUNK_BITS) - 1

/**
 * A slot of the open-addressing table is one integer: a state id in the low `ID_BITS` bits and
 * the top bits of that state's hash above them, so a probe passes over 63 of 64 other states
 * without reading their rows. -1 is an empty slot.
 */
const ID_BITS = 26
const ID_MASK = (1 << ID_BITS) - 1
const FRAGMENT = ~ID_MASK

/** The most states a store holds (2^26 - 1, about 67 million: far past any state budget). */
export const MAX_ROWS = ID_MASK

/**
 * The explorer's visited states as integer rows, exact: each distinct row gets the next id.
 *
 * A row as the table works on it is the ids of its threads, then the ids of its eleven maps. It
 * is stored as the threads and one integer, the id of its *world* (the tuple of its maps,
 * interned once in `WorldTable`), in fixed-size chunks: a large table grows by one chunk, never by
 * copying everything. An open-addressing table of state ids, each with a few bits of its hash,
 * finds a row; the rows decide, the hash only picks the slot. Each row's hash is stored after it
 * in its chunk, for the parent's hash a step updates and for growing the table.
 */
export class RowStore {
  private count = 0
  /** Open addressing: a state id and its hash's top bits (`ID_BITS`), or -1. */
  private slots = new Int32Array(4096).fill(-1)
  private readonly chunks: Int32Array[] = []
  private readonly worlds: WorldTable
  /** Integers per stored row: the threads, the world and the hash. */
  private readonly stored: number

  constructor(
    private readonly threads: number,
    maps: number
  ) {
    this.stored = threads + 2
    this.worlds = new WorldTable(maps)
  }

  get size(): number {
    return this.count
  }

  /** The id of the object at `slot` of row `id` (a thread, or one of its world's maps). */
  cell(id: number, slot: number): number {
    const chunk = this.chunks[id >>> CHUNK_BITS] as Int32Array
    const base = (id & CHUNK_MASK) * this.stored
    const n = this.threads
    return slot < n ? (chunk[base + slot] as number) : this.worlds.map(chunk[base + n] as number, slot - n)
  }

  /** The hash row `id` was stored with. */
  hash(id: number): number {
    return (this.chunks[id >>> CHUNK_BITS] as Int32Array)[
      (id & CHUNK_MASK) * this.stored + this.threads + 1
    ] as number
  }

  /** Map `k` (0-based among the maps) of world `w`. */
  worldMap(w: number, k: number): number {
    return this.worlds.map(w, k)
  }

  /** The id of row `id`'s world (the tuple of its maps). */
  world(id: number): number {
    return (this.chunks[id >>> CHUNK_BITS] as Int32Array)[
      (id & CHUNK_MASK) * this.stored + this.threads
    ] as number
  }

  /** The id of the world of `row` (threads, then maps); added if new. */
  internWorld(row: Int32Array): number {
    return this.worlds.intern(row, this.threads)
  }

  /** Copy world `w`'s maps into `out`, after the threads. */
  loadWorld(w: number, out: Int32Array): void {
    this.worlds.load(w, out, this.threads)
  }

  /** Copy row `id`'s threads into `out`; returns its world's id. */
  loadThreads(id: number, out: Int32Array): number {
    const chunk = this.chunks[id >>> CHUNK_BITS] as Int32Array
    const base = (id & CHUNK_MASK) * this.stored
    const n = this.threads
    for (let j = 0; j < n; j++) out[j] = chunk[base + j] as number
    return chunk[base + n] as number
  }

  /** Copy row `id` into `out` (threads, then maps); returns its world's id. */
  load(id: number, out: Int32Array): number {
    const w = this.loadThreads(id, out)
    this.loadWorld(w, out)
    return w
  }

  /**
   * The id of the row whose threads are `row`'s first cells and whose maps are world `w`
   * (`internWorld`), with hash `h`; added if new, so `id >= size before` means new.
   */
  intern(row: Int32Array, h: number, w: number): number {
    const n = this.threads
    const stored = this.stored
    const slots = this.slots
    const smask = slots.length - 1
    const fragment = h & FRAGMENT
    for (let i = h & smask; ; i = (i + 1) & smask) {
      const word = slots[i] as number
      if (word === -1) {
        slots[i] = this.count | fragment
        return this.push(row, w, h)
      }
      if ((word & FRAGMENT) !== fragment) continue
      const id = word & ID_MASK
      const chunk = this.chunks[id >>> CHUNK_BITS] as Int32Array
      const base = (id & CHUNK_MASK) * stored
      if (chunk[base + n] !== w) continue
      let j = 0
      while (j < n && chunk[base + j] === row[j]) j++
      if (j === n) return id
    }
  }

  private push(row: Int32Array, w: number, h: number): number {
    const id = this.count++
    if (id >= MAX_ROWS) throw new Error(`a state table holds at most ${String(MAX_ROWS)} states`)
    const c = id >>> CHUNK_BITS
    if (c >= this.chunks.length) this.chunks.push(new Int32Array((CHUNK_MASK + 1) * this.stored))
    const chunk = this.chunks[c] as Int32Array
    const base = (id & CHUNK_MASK) * this.stored
    const n = this.threads
    for (let j = 0; j < n; j++) chunk[base + j] = row[j] as number
    chunk[base + n] = w
    chunk[base + n + 1] = h
    // Keep the load under three quarters: a probe compares the hash bits in each slot, so a
    // longer probe costs little, and the table is the largest array after the rows.
    if (this.count * 4 > this.slots.length * 3) this.rehash()
    return id
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1)
    const mask = slots.length - 1
    for (let id = 0; id < this.count; id++) {
      const h = this.hash(id)
      let i = h & mask
      while ((slots[i] as number) !== -1) i = (i + 1) & mask
      slots[i] = id | (h & FRAGMENT)
    }
    this.slots = slots
  }
}
