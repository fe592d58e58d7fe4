import { own } from '../model/own'
import { MAP_NAMES, type State } from '../model/types'
import { entryHash, keyMix, mapShare } from './stateHash'
import { RowStore } from './rows'
import { StoredStates } from './storedStates'

type Cells = Record<string, unknown>

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
 * deletes). `after[k]` is the table's to fill, when first needed: see `internWrites`.
 */
export interface WriteSet {
  readonly threadSlots: readonly number[]
  readonly threadIds: readonly number[]
  readonly maps: readonly string[]
  readonly slots: readonly number[]
  readonly ids: readonly (readonly string[])[]
  readonly values: readonly (readonly unknown[])[]
  readonly after: (Map<number, unknown> | undefined)[]
}

/**
 * The explorer's set of visited states, exact: each distinct state gets the next integer id.
 *
 * Every object in a stored state is hash-consed: an object equal to one already seen is replaced
 * by that one, so equal values are the same object (hashCons.ts). Canonical maps and threads get
 * ids, and a state is a row of ids: one per thread (the `threads` map always holds every thread,
 * and every step writes its own, so a thread is kept as a cell of the row rather than inside a
 * map), then one per other map; rows.ts stores it as the threads and the id of its tuple of maps.
 * Two states are equal exactly when their rows are. A state's hash is a sum over its cells, so a successor's hash is its parent's plus
 * the difference of the cells the step replaced; everything a step kept is already canonical
 * with a known hash, so hashing and hash-consing a successor cost about what the step changed.
 * The hash picks the slot of an open-addressing table; the rows decide.
 *
 * Hash-consing replaces parts of a successor in place. That is safe because the objects a step
 * built belong to that successor alone, and swapping a part for an equal one changes no value.
 */
export class StateTable extends StoredStates {
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
    this.rows = new RowStore(this.letters.length, this.names.length)
    this.worldShares = new Int32Array(256)
    this.worldKnown = new Uint8Array(256)
    this.scratch = new Int32Array(this.width)
    this.openRow = new Int32Array(this.letters.length)
    this.openId = -1
    this.letters.forEach((t, j) => {
      this.scratch[j] = this.parts.id(this.parts.canon(threads[t]) as object)
    })
    this.names.forEach((m, j) => {
      this.scratch[this.letters.length + j] = this.parts.id(this.parts.canon(maps[m]) as Cells)
    })
    this.scratchWorld = this.rows.internWorld(this.scratch)
    return this.intern(this.scratchHash(this.scratchWorld))
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
    let h = this.stateHash(parentId)
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
        const c = this.parts.canon(x) as object
        after[id] = c
        h = (h - this.threadShare(j, row[j] as number)) | 0
        row[j] = this.parts.id(c)
        h = (h + this.threadShare(j, row[j])) | 0
        continue
      }
      const before = this.parts.objects[row[this.slot(m, id)] as number] as Cells
      let k = names.indexOf(m)
      if (k < 0) {
        k = names.push(m) - 1
        sums.push(this.parts.hashOf(before))
      }
      const y = own(before, id)
      let x = own(after, id)
      if (x === y) continue
      let mh = sums[k] as number
      if (y !== undefined) mh = (mh - entryHash(id, this.parts.valueHash(y))) | 0
      if (x !== undefined) {
        x = this.parts.canon(x)
        after[id] = x
        mh = (mh + entryHash(id, this.parts.valueHash(x))) | 0
      }
      sums[k] = mh
    }
    if (names.length > 0) this.scratchWorld = -1
    for (let k = 0; k < names.length; k++) {
      const m = names[k] as string
      const j = this.slot(m, '')
      const mh = (sums[k] as number) & this.mask
      h = (h - mapShare(m, this.parts.objectHash[row[j] as number] as number) + mapShare(m, mh)) | 0
      const cells = this.parts.canonical(b[m] as Cells, mh) as Cells
      b[m] = cells
      row[j] = this.parts.id(cells)
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
    let h = this.stateHash(parentId)
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
      let cache = w.after[k] as Map<number, MapStep> | undefined
      if (cache === undefined) w.after[k] = cache = new Map()
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

  /** One map after a step's writes, made canonical, and how it moves the state's hash. */
  private mapStep(m: string, beforeId: number, ids: readonly string[], values: readonly unknown[]): MapStep {
    const before = this.parts.objects[beforeId] as Cells
    const cells = { ...before }
    const was = this.parts.hashOf(before)
    let mh = was
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j] as string
      const y = own(before, id)
      const x = values[j]
      if (y !== undefined) mh = (mh - entryHash(id, this.parts.valueHash(y))) | 0
      if (x === undefined) Reflect.deleteProperty(cells, id)
      else {
        cells[id] = x
        mh = (mh + entryHash(id, this.parts.valueHash(x))) | 0
      }
    }
    const map = this.parts.canonical(cells, mh & this.mask) as Cells
    return {
      map: this.parts.id(map),
      delta: (mapShare(m, this.parts.hashOf(map)) - mapShare(m, was)) | 0,
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

  /**
   * The id of the state that stored state `parentId` becomes when thread `j`'s cell becomes
   * object `self` and its maps world `world`, its hash moving by `delta`: a step remembered by
   * explore/pairMemo.ts (as `lastWorld` and `lastHash` described it the first time).
   */
  internPair(parentId: number, j: number, self: number, world: number, delta: number): number {
    const row = this.scratch
    const parent = this.threadsOf(parentId)
    for (let k = 0; k < parent.length; k++) row[k] = parent[k] as number
    row[j] = self
    // Only the canonical form reads a row's maps; the store itself needs the world's id alone.
    if (this.canonRow !== null) this.rows.loadWorld(world, row)
    this.scratchWorld = world
    return this.intern((this.stateHash(parentId) + delta) | 0)
  }

  /** The last interned state as the step built it, before any canonical form: world and hash. */
  lastWorld = -1
  lastHash = 0

  /** The id of the state whose row is in `scratch` and whose hash is `full`; added if new. */
  private intern(full: number): number {
    if (this.scratchWorld < 0) this.scratchWorld = this.rows.internWorld(this.scratch)
    this.lastWorld = this.scratchWorld
    this.lastHash = full
    if (this.canonRow !== null) {
      this.lastPerm = this.canonRow(this.scratch)
      if (this.lastPerm !== 0) {
        // The representative's world, then its hash from the shares.
        this.scratchWorld = this.rows.internWorld(this.scratch)
        full = this.scratchHash(this.scratchWorld)
      }
    }
    return this.rows.intern(this.scratch, full & this.mask, this.scratchWorld)
  }
}
