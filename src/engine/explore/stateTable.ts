import type { State } from '../model/types'
import { arraySeed, arrayStep, entryHash, mapShare, primitiveHash, RECORD_SEED } from './stateHash'

type Cells = Record<string, unknown>
type Maps = Record<string, Cells>

/** A map after some writes, and the change that makes to its state's hash. */
interface MapStep {
  readonly map: Cells
  readonly delta: number
}

/**
 * The cells a step writes, per map: `ids[k]` of map `maps[k]` take `values[k]` (canonical;
 * `undefined` deletes). `after[k]` is the table's to fill: see `internWrites`.
 */
export interface WriteSet {
  readonly maps: readonly string[]
  readonly ids: readonly (readonly string[])[]
  readonly values: readonly (readonly unknown[])[]
  readonly after: readonly Map<object, unknown>[]
}

/**
 * The explorer's set of visited states, exact: each distinct state gets the next integer id.
 *
 * Every object in a stored state is hash-consed: an object equal to one already seen is replaced
 * by that one, so equal values are the same object and two stored states are equal exactly when
 * each map holds the same cells. A state's hash is a sum over its cells, so a successor's hash is
 * its parent's plus the difference of the cells the step replaced. A step copies only the maps
 * it writes and the objects it changes, and everything it kept is already canonical with a known
 * hash, so hashing and hash-consing a successor cost about what the step changed. The hash picks
 * the slot of an open-addressing table over typed arrays; the cell-by-cell comparison decides.
 *
 * Hash-consing replaces parts of a successor in place. That is safe because the objects a step
 * built belong to that successor alone, and swapping a part for an equal one changes no value.
 */
export class StateTable {
  readonly states: State[] = []
  private hashes = new Int32Array(1024)
  private slots = new Int32Array(2048).fill(-1)
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
  /** The state's map names, in the root's order, and a scratch row of maps for `internWrites`. */
  private names: readonly string[] = []
  private readonly scratch: Cells[] = []

  get size(): number {
    return this.states.length
  }

  /** The id of the first state; it is copied first, so the program's own state is left alone. */
  internRoot(s: State): number {
    const maps = JSON.parse(JSON.stringify(s)) as Maps
    this.names = Object.keys(maps)
    let h = 0
    for (const m in maps) {
      const cells = this.canon(maps[m]) as Cells
      maps[m] = cells
      h = (h + mapShare(m, this.valueHash(cells))) | 0
    }
    return this.intern(maps as unknown as State, h)
  }

  /**
   * The id of `child`, a state just built by one step from stored state `parentId`; a new state
   * is added with the next id, so `id >= size before` means new. `touched` lists the cells the
   * step wrote (map, id pairs, each once, as `Draft.touched` gives them): nothing else changed.
   */
  internChild(parentId: number, child: State, touched: readonly string[]): number {
    const a = this.states[parentId] as unknown as Maps
    const b = child as unknown as Maps
    // Per map the step wrote: its hash, the sum of its entries', updated by the changed entries.
    const names: string[] = []
    const sums: number[] = []
    for (let i = 0; i < touched.length; i += 2) {
      const m = touched[i] as string
      const id = touched[i + 1] as string
      const before = a[m] as Cells
      const after = b[m] as Cells
      let k = names.indexOf(m)
      if (k < 0) {
        k = names.push(m) - 1
        sums.push(this.hashOf.get(before) as number)
      }
      const y = before[id]
      let x = after[id]
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
    let h = this.hashes[parentId] as number
    for (let k = 0; k < names.length; k++) {
      const m = names[k] as string
      const mh = (sums[k] as number) & this.mask
      h = (h - mapShare(m, this.hashOf.get(a[m] as Cells) as number) + mapShare(m, mh)) | 0
      b[m] = this.canonical(b[m] as Cells, mh) as Cells
    }
    return this.intern(child, h)
  }

  /**
   * The id of the state that stored state `parentId` becomes when, in each map `w.maps[k]`, the
   * cells `w.ids[k]` take the canonical values `w.values[k]` (`undefined` deletes). A replayed
   * step (explore/transitions.ts) comes here. `w.after[k]` remembers which map a parent's map
   * became, and how that moved the state's hash: many states share a map, and a step met again
   * often meets it again. A known successor is found without building anything.
   */
  internWrites(parentId: number, w: WriteSet): number {
    const a = this.states[parentId] as unknown as Maps
    const names = this.names
    const cur = this.scratch
    for (let j = 0; j < names.length; j++) cur[j] = a[names[j] as string] as Cells
    let h = this.hashes[parentId] as number
    for (let k = 0; k < w.maps.length; k++) {
      const j = names.indexOf(w.maps[k] as string)
      const before = cur[j] as Cells
      const cache = w.after[k] as Map<object, MapStep>
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
      cur[j] = e.map
      h = (h + e.delta) | 0
    }
    h &= this.mask
    const slots = this.slots
    const smask = slots.length - 1
    for (let i = h & smask; ; i = (i + 1) & smask) {
      const id = slots[i] as number
      if (id < 0) {
        const child: Maps = {}
        for (let j = 0; j < names.length; j++) child[names[j] as string] = cur[j] as Cells
        const added = this.states.length
        slots[i] = added
        this.push(child as unknown as State, h)
        return added
      }
      if (this.hashes[id] === h && sameAs(this.states[id] as unknown as Maps, names, cur)) return id
    }
  }

  /** One map after a step's writes, made canonical, and how it moves the state's hash. */
  private mapStep(m: string, before: Cells, ids: readonly string[], values: readonly unknown[]): MapStep {
    const cells = { ...before }
    const was = this.hashOf.get(before) as number
    let mh = was
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as string
      const y = before[id]
      const x = values[j]
      if (y !== undefined) mh = (mh - entryHash(id, this.valueHash(y))) | 0
      if (x === undefined) Reflect.deleteProperty(cells, id)
      else {
        cells[id] = x
        mh = (mh + entryHash(id, this.valueHash(x))) | 0
      }
    }
    const map = this.canonical(cells, mh & this.mask) as Cells
    return { map, delta: (mapShare(m, this.hashOf.get(map) as number) - mapShare(m, was)) | 0 }
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

  private intern(s: State, full: number): number {
    const h = full & this.mask
    const mask = this.slots.length - 1
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = this.slots[i] as number
      if (id < 0) {
        const added = this.states.length
        this.slots[i] = added
        this.push(s, h)
        return added
      }
      if (this.hashes[id] === h && sameMaps(this.states[id] as State, s)) return id
    }
  }

  private push(s: State, h: number): void {
    const id = this.states.length
    this.states.push(s)
    if (id >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2)
      grown.set(this.hashes)
      this.hashes = grown
    }
    this.hashes[id] = h
    // Keep the load under one half, so probes stay short.
    if (this.states.length * 2 > this.slots.length) this.rehash()
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1)
    const mask = slots.length - 1
    for (let id = 0; id < this.states.length; id++) {
      let i = (this.hashes[id] as number) & mask
      while ((slots[i] as number) >= 0) i = (i + 1) & mask
      slots[i] = id
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

/** Equality of two stored states: the same canonical map under every name. */
function sameMaps(a: State, b: State): boolean {
  const ma = a as unknown as Maps
  const mb = b as unknown as Maps
  for (const m in ma) if (ma[m] !== mb[m]) return false
  return true
}

/** Is stored state `c` the row of maps `cur` (in the order of `names`)? */
function sameAs(c: Maps, names: readonly string[], cur: readonly Cells[]): boolean {
  for (let j = 0; j < names.length; j++) if (c[names[j] as string] !== cur[j]) return false
  return true
}
