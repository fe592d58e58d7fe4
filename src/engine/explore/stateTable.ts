import { own } from '../model/own'
import { MAP_NAMES, type MapName, type State } from '../model/types'
import {
  arraySeed,
  arrayStep,
  entryHash,
  keyMix,
  mapShare,
  mixedEntryHash,
  primitiveHash,
  RECORD_SEED,
} from './stateHash'
import { WorldTable } from './worlds'

type Cells = Record<string, unknown>

/** Rows per chunk of the row store: 2^14. */
const CHUNK_BITS = 14
const CHUNK_MASK = (1 << CHUNK_BITS) - 1
type Maps = Record<string, Cells>

/** A map after some writes, as its id in the table, and the change that makes to its state's hash. */
interface MapStep {
  readonly map: number
  readonly delta: number
}

/**
 * The cells a step writes. A thread's cell is a slot of a stored row: `threadSlots[k]` take
 * the canonical objects whose ids (`idOf`) are `threadIds[k]`. Other cells are grouped per map: `ids[k]` of map
 * `maps[k]` (at `slots[k]` in a row, see `slot`) take `values[k]` (canonical; `undefined`
 * deletes). `after[k]` is the table's to fill: see `internWrites`.
 */
export interface WriteSet {
  readonly threadSlots: readonly number[]
  readonly threadIds: readonly number[]
  readonly maps: readonly string[]
  readonly slots: readonly number[]
  readonly ids: readonly (readonly string[])[]
  readonly values: readonly (readonly unknown[])[]
  readonly after: readonly Map<number, unknown>[]
}

/**
 * The explorer's set of visited states, exact: each distinct state gets the next integer id.
 *
 * Every object in a stored state is hash-consed: an object equal to one already seen is replaced
 * by that one, so equal values are the same object. Canonical maps and threads get ids, and a
 * state is stored as a row of ids in one typed array: one per thread (the `threads` map always
 * holds every thread, and every step writes its own, so a thread is kept as a cell of the row
 * rather than inside a map), then one per other map. Two states are equal exactly when their
 * rows are. A state's hash is a sum over its cells, so a successor's hash is its parent's plus
 * the difference of the cells the step replaced; everything a step kept is already canonical
 * with a known hash, so hashing and hash-consing a successor cost about what the step changed.
 * The hash picks the slot of an open-addressing table; the rows decide.
 *
 * Hash-consing replaces parts of a successor in place. That is safe because the objects a step
 * built belong to that successor alone, and swapping a part for an equal one changes no value.
 */
export class StateTable {
  private count = 0
  private hashes = new Int32Array(1024)
  /** Open addressing: pairs of (state id or -1, that state's hash). */
  private slots = new Int32Array(4096).fill(-1)
  /** A row: the threads, in the root's order, then the other maps, in the root's order. */
  private letters: readonly string[] = []
  private letterMix: readonly number[] = []
  private names: readonly string[] = []
  /** Each map's slot in a row, by name. */
  private at = {} as Record<MapName, number>
  /** A row as the table works on it: the threads, then every map (`scratch`). */
  private width = 0
  /** A row as stored: the threads, then the id of its world (the tuple of its maps, `worlds`). */
  private stored = 0
  private chunks: Int32Array[] = []
  /** The world of the row in `scratch` when known (its maps are its parent's), else -1. */
  private scratchWorld = -1
  private worlds = new WorldTable(0)
  private scratch = new Int32Array(0)
  /** Canonical maps and threads by id, the id of each, and each one's hash. */
  private readonly objects: object[] = []
  private readonly ids = new Map<object, number>()
  private objectHash: number[] = []
  /** Canonical objects by hash, and the hash of each canonical object. */
  private readonly buckets = new Map<number, object[]>()
  private readonly hashOf = new Map<object, number>()

  /**
   * `hashBits` below 32 throws hash bits away: tests use it to make every look-up collide, which
   * proves the answers come from the comparisons, not from the hash.
   */
  constructor(hashBits = 32) {
    this.mask = hashBits >= 32 ? -1 : (1 << hashBits) - 1
  }

  private readonly mask: number

  get size(): number {
    return this.count
  }

  /** Stored state `id` as a State (new objects for it and its threads map, over stored parts). */
  state(id: number): State {
    const chunk = this.chunks[id >>> CHUNK_BITS] as Int32Array
    const base = (id & CHUNK_MASK) * this.stored
    const threads: Cells = {}
    const n = this.letters.length
    for (let j = 0; j < n; j++) threads[this.letters[j] as string] = this.objects[chunk[base + j] as number]
    const w = chunk[base + n] as number
    const at = this.at
    const o = this.objects
    const ws = this.worlds
    // Spelled out, so every State built here has the same shape (the explorer builds one per
    // state); no closure, which would be one more allocation per state.
    return {
      threads,
      folios: o[ws.map(w, at.folios - n)],
      locks: o[ws.map(w, at.locks - n)],
      pmds: o[ws.map(w, at.pmds - n)],
      tables: o[ws.map(w, at.tables - n)],
      vmas: o[ws.map(w, at.vmas - n)],
      pageCache: o[ws.map(w, at.pageCache - n)],
      rcu: o[ws.map(w, at.rcu - n)],
      iommus: o[ws.map(w, at.iommus - n)],
      completions: o[ws.map(w, at.completions - n)],
      marks: o[ws.map(w, at.marks - n)],
      vars: o[ws.map(w, at.vars - n)],
    } as unknown as State
  }

  /**
   * Where cell `id` of `map` lives in a row: the slot of thread `id` for the `threads` map,
   * otherwise the slot of the map (whose cell `id` `read` then looks up).
   */
  slot(map: string, id: string): number {
    if (map === 'threads') {
      const j = this.letters.indexOf(id)
      if (j < 0) throw new Error(`there is no thread '${id}' in a stored state`)
      return j
    }
    const j = this.names.indexOf(map)
    if (j < 0) throw new Error(`a state has no map '${map}'`)
    return this.letters.length + j
  }

  /** Cell `id` of stored state `state`, at `slot` (from `slot(map, id)`); `WHOLE_MAP`-style reads pass `whole`. */
  read(state: number, slot: number, id: string, whole: boolean): unknown {
    const o = this.objects[this.cell(state, slot)] as Cells
    return slot < this.letters.length || whole ? o : o[id]
  }

  /** The id of the object at `slot` of stored state `state` (a thread, or one of its world's maps). */
  private cell(state: number, slot: number): number {
    const chunk = this.chunks[state >>> CHUNK_BITS] as Int32Array
    const base = (state & CHUNK_MASK) * this.stored
    const n = this.letters.length
    return slot < n ? (chunk[base + slot] as number) : this.worlds.map(chunk[base + n] as number, slot - n)
  }

  /** `read` for a cell whose id a plain object also inherits (`toString`): own entries only. */
  readOwn(state: number, slot: number, id: string): unknown {
    const o = this.objects[this.cell(state, slot)] as Cells
    return slot < this.letters.length ? o : own(o, id)
  }

  /** The letters of the threads, in a row's order. */
  get threadLetters(): readonly string[] {
    return this.letters
  }

  /** The id of the first state; it is copied first, so the program's own state is left alone. */
  internRoot(s: State): number {
    const maps = JSON.parse(JSON.stringify(s)) as Maps
    const threads = maps.threads as Cells
    this.letters = Object.keys(threads)
    this.letterMix = this.letters.map(keyMix)
    this.names = Object.keys(maps).filter((m) => m !== 'threads')
    this.width = this.letters.length + this.names.length
    if (this.names.length !== MAP_NAMES.length - 1)
      throw new Error(`a state has maps ${this.names.join(', ')}`)
    const at: Record<string, number> = {}
    for (const m of MAP_NAMES) if (m !== 'threads') at[m] = this.slot(m, '')
    this.at = at
    this.stored = this.letters.length + 1
    this.worlds = new WorldTable(this.names.length)
    this.scratch = new Int32Array(this.width)
    let h = 0
    this.letters.forEach((t, j) => {
      const id = this.id(this.canon(threads[t]) as object)
      this.scratch[j] = id
      h = (h + this.threadShare(j, id)) | 0
    })
    this.names.forEach((m, j) => {
      const cells = this.canon(maps[m]) as Cells
      this.scratch[this.letters.length + j] = this.id(cells)
      h = (h + mapShare(m, this.valueHash(cells))) | 0
    })
    return this.intern(h)
  }

  /**
   * The id of `child`, a state just built by one step from stored state `parentId`; a new state
   * is added with the next id, so `id >= size before` means new. `touched` lists the cells the
   * step wrote (map, id pairs, each once, as `Draft.touched` gives them): nothing else changed.
   */
  internChild(parentId: number, child: State, touched: readonly string[]): number {
    const b = child as unknown as Maps
    const row = this.scratch
    this.loadRow(parentId)
    let h = this.hashes[parentId] as number
    // Per map the step wrote: its hash, the sum of its entries', updated by the changed entries.
    const names: string[] = []
    const sums: number[] = []
    for (let i = 0; i < touched.length; i += 2) {
      const m = touched[i] as string
      const id = touched[i + 1] as string
      const after = b[m] as Cells
      if (m === 'threads') {
        const j = this.slot(m, id)
        const x = after[id]
        if (x === undefined) throw new Error(`a step removed thread ${id}`)
        const c = this.canon(x) as object
        after[id] = c
        h = (h - this.threadShare(j, row[j] as number)) | 0
        row[j] = this.id(c)
        h = (h + this.threadShare(j, row[j])) | 0
        continue
      }
      const before = this.objects[row[this.slot(m, id)] as number] as Cells
      let k = names.indexOf(m)
      if (k < 0) {
        k = names.push(m) - 1
        sums.push(this.hashOf.get(before) as number)
      }
      const y = own(before, id)
      let x = own(after, id)
      if (x === y) continue
      let mh = sums[k] as number
      if (y !== undefined) mh = (mh - entryHash(id, this.valueHash(y))) | 0
      if (x !== undefined) {
        x = this.canon(x)
        after[id] = x
        mh = (mh + entryHash(id, this.valueHash(x))) | 0
      }
      sums[k] = mh
    }
    if (names.length > 0) this.scratchWorld = -1
    for (let k = 0; k < names.length; k++) {
      const m = names[k] as string
      const j = this.slot(m, '')
      const mh = (sums[k] as number) & this.mask
      h = (h - mapShare(m, this.objectHash[row[j] as number] as number) + mapShare(m, mh)) | 0
      const cells = this.canonical(b[m] as Cells, mh) as Cells
      b[m] = cells
      row[j] = this.id(cells)
    }
    return this.intern(h)
  }

  /**
   * The id of the state that stored state `parentId` becomes when the cells of `w` take their
   * values. A replayed step (explore/transitions.ts) comes here. `w.after[k]` remembers which
   * map a parent's map became, and how that moved the state's hash: many states share a map,
   * and a step met again often meets it again. A known successor is found without building
   * anything.
   */
  internWrites(parentId: number, w: WriteSet): number {
    const row = this.scratch
    this.loadRow(parentId)
    let h = this.hashes[parentId] as number
    for (let k = 0; k < w.threadSlots.length; k++) {
      const j = w.threadSlots[k] as number
      const id = w.threadIds[k] as number
      h = (h - this.threadShare(j, row[j] as number) + this.threadShare(j, id)) | 0
      row[j] = id
    }
    if (w.slots.length > 0) this.scratchWorld = -1
    for (let k = 0; k < w.slots.length; k++) {
      const j = w.slots[k] as number
      const before = row[j] as number
      const cache = w.after[k] as Map<number, MapStep>
      let e = cache.get(before)
      if (e === undefined) {
        e = this.mapStep(
          w.maps[k] as string,
          before,
          w.ids[k] as readonly string[],
          w.values[k] as readonly unknown[]
        )
        cache.set(before, e)
      }
      row[j] = e.map
      h = (h + e.delta) | 0
    }
    return this.intern(h)
  }

  /** Copy stored state `id`'s row into `scratch` (a loop: a subarray per step would be garbage). */
  private loadRow(id: number): void {
    const chunk = this.chunks[id >>> CHUNK_BITS] as Int32Array
    const base = (id & CHUNK_MASK) * this.stored
    const n = this.letters.length
    for (let j = 0; j < n; j++) this.scratch[j] = chunk[base + j] as number
    this.scratchWorld = chunk[base + n] as number
    this.worlds.load(this.scratchWorld, this.scratch, n)
  }

  /** Thread `j`'s share of a state's hash when its cell is object `id`. */
  private threadShare(j: number, id: number): number {
    return mixedEntryHash(this.letterMix[j] as number, this.objectHash[id] as number)
  }

  /** One map after a step's writes, made canonical, and how it moves the state's hash. */
  private mapStep(m: string, beforeId: number, ids: readonly string[], values: readonly unknown[]): MapStep {
    const before = this.objects[beforeId] as Cells
    const cells = { ...before }
    const was = this.hashOf.get(before) as number
    let mh = was
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as string
      const y = own(before, id)
      const x = values[j]
      if (y !== undefined) mh = (mh - entryHash(id, this.valueHash(y))) | 0
      if (x === undefined) Reflect.deleteProperty(cells, id)
      else {
        cells[id] = x
        mh = (mh + entryHash(id, this.valueHash(x))) | 0
      }
    }
    const map = this.canonical(cells, mh & this.mask) as Cells
    return {
      map: this.id(map),
      delta: (mapShare(m, this.hashOf.get(map) as number) - mapShare(m, was)) | 0,
    }
  }

  /**
   * Symmetry reduction (explore/canonical.ts): `canon` rewrites a new row into its orbit's
   * representative and returns which permutation it applied (0: none); read it as `lastPerm`
   * after a state is interned.
   */
  useCanonicalForm(canon: (row: Int32Array) => number): void {
    this.canonRow = canon
  }

  private canonRow: ((row: Int32Array) => number) | null = null
  lastPerm = 0

  /** How many cells a row has (threads first, then the other maps). */
  get rowWidth(): number {
    return this.width
  }

  /** The canonical map or thread object with id `id`. */
  objectById(id: number): object {
    return this.objects[id] as object
  }

  /** The id of the canonical object equal to `v` (whose parts are made canonical in place). */
  internValue(v: object): number {
    return this.id(this.canon(v) as object)
  }

  /** A row's hash, from its cells (what `intern` would compute step by step). */
  private rowHash(row: Int32Array): number {
    const n = this.letters.length
    let h = 0
    for (let j = 0; j < n; j++) h = (h + this.threadShare(j, row[j] as number)) | 0
    for (let k = 0; k < this.names.length; k++)
      h = (h + mapShare(this.names[k] as string, this.objectHash[row[n + k] as number] as number)) | 0
    return h
  }

  /** The id of a canonical map or thread cell of a stored state. */
  idOf(o: object): number {
    const id = this.ids.get(o)
    if (id === undefined) throw new Error('not a part of a stored state')
    return id
  }

  /** The id of a canonical map or thread, given one if it has none yet. */
  private id(o: object): number {
    let id = this.ids.get(o)
    if (id === undefined) {
      id = this.objects.push(o) - 1
      this.ids.set(o, id)
      this.objectHash.push(this.hashOf.get(o) as number)
    }
    return id
  }

  /** The hash of a canonical value. */
  private valueHash(v: unknown): number {
    return typeof v === 'object' && v !== null ? (this.hashOf.get(v) as number) : primitiveHash(v)
  }

  /** The canonical object equal to `v` (its parts made canonical first), or `v` itself. */
  private canon(v: unknown): unknown {
    if (typeof v !== 'object' || v === null || this.hashOf.has(v)) return v
    let h: number
    if (Array.isArray(v)) {
      const arr = v as unknown[]
      h = arraySeed(arr.length)
      for (let i = 0; i < arr.length; i++) {
        const x = this.canon(arr[i])
        arr[i] = x
        h = arrayStep(h, this.valueHash(x))
      }
    } else {
      const rec = v as Cells
      h = RECORD_SEED
      for (const k in rec) {
        let x = rec[k]
        if (x === undefined) continue
        x = this.canon(x)
        rec[k] = x
        h = (h + entryHash(k, this.valueHash(x))) | 0
      }
    }
    return this.canonical(v, h & this.mask)
  }

  /** `v` (whose parts are canonical, and whose hash is `h`), or the canonical object equal to it. */
  private canonical(v: object, h: number): object {
    const bucket = this.buckets.get(h)
    if (bucket === undefined) this.buckets.set(h, [v])
    else {
      for (const c of bucket) if (shallowSame(c, v)) return c
      bucket.push(v)
    }
    this.hashOf.set(v, h)
    return v
  }

  /** The id of the state whose row is in `scratch` and whose hash is `full`; added if new. */
  private intern(full: number): number {
    if (this.canonRow !== null) {
      this.lastPerm = this.canonRow(this.scratch)
      if (this.lastPerm !== 0) {
        full = this.rowHash(this.scratch)
        this.scratchWorld = -1
      }
    }
    const h = full & this.mask
    const row = this.scratch
    const n = this.letters.length
    // A step that wrote no map keeps its parent's world: no need to look it up.
    const w = this.scratchWorld >= 0 ? this.scratchWorld : this.worlds.intern(row, n)
    const stored = this.stored
    // Slot pairs (state id, its hash): a probe reads the hash beside the id, not from afar.
    const slots = this.slots
    const smask = (slots.length >> 1) - 1
    for (let i = h & smask; ; i = (i + 1) & smask) {
      const id = slots[2 * i] as number
      if (id < 0) {
        slots[2 * i] = this.count
        slots[2 * i + 1] = h
        return this.push(h, w)
      }
      if (slots[2 * i + 1] !== h) continue
      const chunk = this.chunks[id >>> CHUNK_BITS] as Int32Array
      const base = (id & CHUNK_MASK) * stored
      if (chunk[base + n] !== w) continue
      let j = 0
      while (j < n && chunk[base + j] === row[j]) j++
      if (j === n) return id
    }
  }

  private push(h: number, w: number): number {
    const id = this.count++
    if (id >= this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2)
      hashes.set(this.hashes)
      this.hashes = hashes
    }
    // Rows live in fixed-size chunks: a large table grows by one chunk, never by copying all.
    const c = id >>> CHUNK_BITS
    if (c >= this.chunks.length) this.chunks.push(new Int32Array((CHUNK_MASK + 1) * this.stored))
    const chunk = this.chunks[c] as Int32Array
    const base = (id & CHUNK_MASK) * this.stored
    const n = this.letters.length
    for (let j = 0; j < n; j++) chunk[base + j] = this.scratch[j] as number
    chunk[base + n] = w
    this.hashes[id] = h
    // Keep the load under one half, so probes stay short.
    if (this.count * 4 > this.slots.length) this.rehash()
    return id
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1)
    const mask = (slots.length >> 1) - 1
    for (let id = 0; id < this.count; id++) {
      const h = this.hashes[id] as number
      let i = h & mask
      while ((slots[2 * i] as number) >= 0) i = (i + 1) & mask
      slots[2 * i] = id
      slots[2 * i + 1] = h
    }
    this.slots = slots
  }
}

/**
 * Equality of two records or two arrays whose parts are canonical: the same parts, by identity
 * for objects and by value for primitives. Keys holding `undefined` count as absent.
 */
function shallowSame(a: object, b: object): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
    return true
  }
  const x = a as Cells
  const y = b as Cells
  let n = 0
  for (const k in x) {
    const v = x[k]
    if (v === undefined) continue
    n++
    if (v !== y[k]) return false
  }
  for (const k in y) if (y[k] !== undefined) n--
  return n === 0
}
