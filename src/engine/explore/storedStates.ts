import { own } from '../model/own'
import { type MapName, type State } from '../model/types'
import { mapShare, mixedEntryHash } from './stateHash'
import { Parts } from './hashCons'
import { RowStore } from './rows'
import { roomFor } from './roomFor'

type Cells = Record<string, unknown>

/**
 * The explorer's stored states, read: a state's row of ids (threads, then maps), its cells and
 * objects, its hash, and a stored state rebuilt as a `State`. stateTable.ts adds states to it.
 */
export class StoredStates {
  /** A row: the threads, in the root's order, then the other maps, in the root's order. */
  protected letters: readonly string[] = []
  protected letterMix: readonly number[] = []
  protected names: readonly string[] = []
  /** Each map's slot in a row, by name. */
  protected at = {} as Record<MapName, number>
  /** A row as the table works on it: the threads, then every map (`scratch`). */
  protected width = 0
  /** The stored rows (rows.ts): threads and the id of their world of maps. */
  protected rows = new RowStore(0, 0)
  /** The world of the row in `scratch` when known (its maps are its parent's), else -1. */
  protected scratchWorld = -1
  protected scratch = new Int32Array(0)
  /**
   * `hashBits` below 32 throws hash bits away: tests use it to make every look-up collide, which
   * proves the answers come from the comparisons, not from the hash.
   */
  constructor(hashBits = 32) {
    this.mask = hashBits >= 32 ? -1 : (1 << hashBits) - 1
    this.parts = new Parts(this.mask)
  }

  protected readonly mask: number
  /** Every canonical map, thread and value the stored states are made of (hashCons.ts). */
  protected readonly parts: Parts

  get size(): number {
    return this.rows.size
  }

  /** Stored state `id` as a State (new objects for it and its threads map, over stored parts). */
  state(id: number): State {
    const threads: Cells = {}
    const n = this.letters.length
    const rows = this.rows
    const o = this.parts.objects
    for (let j = 0; j < n; j++) threads[this.letters[j] as string] = o[rows.cell(id, j)]
    const at = this.at
    // Spelled out, so every State built here has the same shape (the explorer builds one per
    // state); no closure, which would be one more allocation per state.
    return {
      threads,
      folios: o[rows.cell(id, at.folios)],
      locks: o[rows.cell(id, at.locks)],
      pmds: o[rows.cell(id, at.pmds)],
      tables: o[rows.cell(id, at.tables)],
      vmas: o[rows.cell(id, at.vmas)],
      pageCache: o[rows.cell(id, at.pageCache)],
      rcu: o[rows.cell(id, at.rcu)],
      iommus: o[rows.cell(id, at.iommus)],
      completions: o[rows.cell(id, at.completions)],
      marks: o[rows.cell(id, at.marks)],
      vars: o[rows.cell(id, at.vars)],
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
    const o = this.parts.objects[this.cell(state, slot)] as Cells
    return slot < this.letters.length || whole ? o : o[id]
  }

  /** The id of the object at `slot` of stored state `state`: a thread's cell, or a map. */
  cell(state: number, slot: number): number {
    return this.rows.cell(state, slot)
  }

  /** `read` for a cell whose id a plain object also inherits (`toString`): own entries only. */
  readOwn(state: number, slot: number, id: string): unknown {
    const o = this.parts.objects[this.cell(state, slot)] as Cells
    return slot < this.letters.length ? o : own(o, id)
  }

  /** The letters of the threads, in a row's order. */
  get threadLetters(): readonly string[] {
    return this.letters
  }

  /** Copy stored state `id`'s row into `scratch` (a loop: a subarray per step would be garbage). */
  protected loadRow(id: number): void {
    this.scratchWorld = this.rows.load(id, this.scratch)
  }

  /** Thread `j`'s share of a state's hash when its cell is object `id`. */
  protected threadShare(j: number, id: number): number {
    return mixedEntryHash(this.letterMix[j] as number, this.parts.objectHash[id] as number)
  }

  /** How many cells a row has (threads first, then the other maps). */
  get rowWidth(): number {
    return this.width
  }

  /** The canonical map or thread object with id `id`. */
  objectById(id: number): object {
    return this.parts.objects[id] as object
  }

  /** The id of the canonical object equal to `v` (whose parts are made canonical in place). */
  internValue(v: object): number {
    return this.parts.id(this.parts.canon(v) as object)
  }

  /** The id of a canonical map or thread cell of a stored state. */
  idOf(o: object): number {
    return this.parts.idOf(o)
  }

  /** The hash stored state `id` was stored with. */
  stateHash(id: number): number {
    return this.rows.hash(id)
  }

  /**
   * The hash of the row in `scratch` whose maps are world `w`: its threads' shares and the
   * world's, summed once per world.
   */
  protected scratchHash(w: number): number {
    let h = this.worldShare(w)
    for (let j = 0; j < this.letters.length; j++) h = (h + this.threadShare(j, this.scratch[j] as number)) | 0
    return h
  }

  /** World `w`'s share of a state's hash: its maps' shares, summed once per world. */
  protected worldShare(w: number): number {
    this.worldShares = roomFor(this.worldShares, w)
    this.worldKnown = roomFor(this.worldKnown, w)
    if (this.worldKnown[w] === 0) {
      let h = 0
      for (let k = 0; k < this.names.length; k++)
        h =
          (h + mapShare(this.names[k] as string, this.parts.objectHash[this.rows.worldMap(w, k)] as number)) |
          0
      this.worldShares[w] = h
      this.worldKnown[w] = 1
    }
    return this.worldShares[w] as number
  }

  protected worldShares = new Int32Array(0)
  protected worldKnown = new Uint8Array(0)

  /**
   * Stored state `id`'s thread cells (the buffer is reused: read it before the next call). The
   * explorer asks for one state at a time, so the state it expands is loaded once for all its steps.
   */
  threadsOf(id: number): Int32Array {
    if (id !== this.openId) {
      this.openWorld = this.rows.loadThreads(id, this.openRow)
      this.openId = id
    }
    return this.openRow
  }

  protected openRow = new Int32Array(0)
  protected openId = -1
  protected openWorld = -1

  /** The id of stored state `id`'s world. */
  worldOf(id: number): number {
    return id === this.openId ? this.openWorld : this.rows.world(id)
  }
}
