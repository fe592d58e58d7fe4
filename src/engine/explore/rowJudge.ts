import { DEADLOCK, evalExpr, stateOutcomes } from '../interp/outcomes'
import { canRun, isDone } from '../interp/step'
import { own } from '../model/own'
import type { State, ThreadState } from '../model/types'
import type { Program, ThreadProgram } from '../scenario/program'
import type { Expr, Predicate } from '../scenario/schema'
import type { StateTable } from './stateTable'
import { roomFor } from './roomFor'

/**
 * Which threads can run and which outcomes hold at a stored state, answered from its row of ids
 * (explore/stateTable.ts) without building a `State` for it.
 *
 * A thread can run by its own cell alone, so that is remembered per thread and cell id. Each
 * leaf of an outcome predicate (a mark, a thread finished, each side of an `eq`) reads one part
 * of a state: a thread's cell, one map, or, for a page-table walk, the tuple of maps (the world).
 * Its value is remembered per id of that part, and computed the first time by the engine's own
 * `evalExpr` and `isDone` on the state, so the answers are the interpreter's
 * (`interp/outcomes.ts` `outcomesAt`), which `rowJudge.test.ts` checks on every state of every set.
 */
export class RowJudge {
  /** Per thread (in the program's order): its slot in a row, and per cell id 1 runnable, 2 not. */
  private readonly slots: number[]
  private runnable: Uint8Array[]
  private readonly judged: { id: string; end: boolean; holds: () => boolean; bit: number }[]
  /**
   * Outcomes judged at every state whose predicates read no thread depend on the maps alone: per
   * world, 1 + the bits (`bit`) of those that hold there, 0 not yet known.
   */
  private byWorld = new Int32Array(256)
  private worldBits = 0
  /** Set while compiling a predicate that reads some thread's cell. */
  private readsThread = false
  private readonly done: (() => unknown)[]
  /** The state being judged, and its `State` once some leaf had to build it. */
  private id = 0
  private state: State | null = null

  constructor(
    private readonly p: Program,
    private readonly table: StateTable
  ) {
    const letters = table.threadLetters
    this.slots = p.threads.map((t) => letters.indexOf(t.letter))
    this.runnable = p.threads.map(() => new Uint8Array(1024))
    this.enabledBuf = new Int32Array(p.threads.length)
    this.done = p.threads.map((t) => this.leaf(this.threadPart(t.letter), (s) => isDone(p, s, t.letter)))
    this.judged = stateOutcomes(p).map((o) => {
      this.readsThread = o === DEADLOCK
      const holds =
        o === DEADLOCK
          ? () => this.done.some((d) => d() !== true)
          : this.compile((o as { predicate: Predicate }).predicate)
      const end = o === DEADLOCK || ('when' in o && o.when === 'end')
      // Up to 30 such outcomes share a world's entry; any more are judged one by one.
      const bit = !end && !this.readsThread && this.worldBits < 30 ? 1 << this.worldBits++ : 0
      return { id: o.id, end, holds, bit }
    })
    this.hits = new Int32Array(this.judged.length)
  }

  /** The indices (program order) of the threads that can run at state `id`, into `out` (one per thread); how many. */
  readonly enabledBuf: Int32Array
  enabledInto(id: number, out: Int32Array): number {
    const row = this.table.threadsOf(id)
    let count = 0
    for (let k = 0; k < this.slots.length; k++) {
      const cell = row[this.slots[k] as number] as number
      const r = (this.runnable[k] = roomFor(this.runnable[k] as Uint8Array, cell))
      let v = r[cell] as number
      if (v === 0)
        v = r[cell] = canRun(this.table.objectById(cell) as ThreadState, this.p.threads[k] as ThreadProgram)
          ? 1
          : 2
      if (v === 1) out[count++] = k
    }
    return count
  }

  /**
   * The outcomes that hold at state `id`, as indices into `ids`, into `hits` (one per outcome
   * judged); `terminal`: no thread can run. How many hold.
   */
  readonly hits: Int32Array
  outcomesInto(id: number, terminal: boolean): number {
    this.id = id
    this.state = null
    const judged = this.judged
    const mask = this.worldBits > 0 ? this.worldMask(this.table.worldOf(id)) : 0
    let count = 0
    for (let k = 0; k < judged.length; k++) {
      const o = judged[k] as (typeof judged)[number]
      if (o.bit !== 0 ? (mask & o.bit) !== 0 : (terminal || !o.end) && o.holds()) this.hits[count++] = k
    }
    return count
  }

  /** The bits of the map-only outcomes that hold in world `w` (judged at the state being judged). */
  private worldMask(w: number): number {
    this.byWorld = roomFor(this.byWorld, w)
    const known = this.byWorld[w] as number
    if (known !== 0) return known - 1
    let mask = 0
    for (const o of this.judged) if (o.bit !== 0 && o.holds()) mask |= o.bit
    this.byWorld[w] = mask + 1
    return mask
  }

  /** The outcomes judged (`stateOutcomes`): what `hits` indexes. */
  get ids(): readonly string[] {
    return this.judged.map((o) => o.id)
  }

  private compile(pr: Predicate): () => boolean {
    if ('mark' in pr) {
      const v = this.leaf(this.mapPart('marks'), (s) => own(s.marks, pr.mark) === true)
      return () => v() === true
    }
    if ('finished' in pr) {
      this.readsThread = true
      const k = this.p.threads.findIndex((t) => t.letter === pr.finished)
      const v = k >= 0 ? (this.done[k] as () => unknown) : () => false
      return () => v() === true
    }
    if ('eq' in pr || 'ne' in pr) {
      const [a, b] = 'eq' in pr ? pr.eq : pr.ne
      const x = this.expr(a)
      const y = this.expr(b)
      return 'eq' in pr ? () => x() === y() : () => x() !== y()
    }
    if ('all' in pr) {
      const parts = pr.all.map((q) => this.compile(q))
      return () => {
        for (const q of parts) if (!q()) return false
        return true
      }
    }
    if ('any' in pr) {
      const parts = pr.any.map((q) => this.compile(q))
      return () => {
        for (const q of parts) if (q()) return true
        return false
      }
    }
    const inner = this.compile(pr.not)
    return () => !inner()
  }

  private expr(e: Expr): () => unknown {
    const p = this.p
    if (e === null || typeof e !== 'object') return () => e
    const value = (s: State) => evalExpr(p, s, e)
    if ('local' in e) return this.leaf(this.threadPart(e.local.split('.')[0] as string), value)
    if ('var' in e) return this.leaf(this.mapPart('vars'), value)
    if ('cache' in e) return this.leaf(this.mapPart('pageCache'), value)
    if ('tableStatus' in e || 'tablePte' in e) return this.leaf(this.mapPart('tables'), value)
    if ('folio' in e) return this.leaf(this.mapPart('folios'), value)
    // A walk reads page tables, VMAs and, for content, folios: key it on the whole world.
    return this.leaf((id) => this.table.worldOf(id), value)
  }

  /** The id of thread `t`'s cell at a state; a letter no thread has reads nothing (-1). */
  private threadPart(t: string): (id: number) => number {
    const j = this.table.threadLetters.indexOf(t)
    this.readsThread = true
    return j < 0 ? () => -1 : (id) => this.table.cell(id, j)
  }

  private mapPart(m: string): (id: number) => number {
    const j = this.table.slot(m, '')
    return (id) => this.table.cell(id, j)
  }

  /** A value read from one part of a state, remembered per that part's id. */
  private leaf(part: (id: number) => number, compute: (s: State) => unknown): () => unknown {
    // Per part id (ids are dense, from 0; -1 is a part no thread has, kept apart): 0 not yet
    // known, else 1 + the index of its value among this leaf's distinct values.
    let memo = new Int32Array(256)
    let absent = 0
    const values: unknown[] = []
    const code = (v: unknown): number => {
      let k = values.indexOf(v)
      if (k < 0) k = values.push(v) - 1
      return k + 1
    }
    return () => {
      const key = part(this.id)
      if (key < 0) {
        if (absent === 0) absent = code(compute(this.built()))
        return values[absent - 1]
      }
      memo = roomFor(memo, key)
      let c = memo[key] as number
      if (c === 0) memo[key] = c = code(compute(this.built()))
      return values[c - 1]
    }
  }

  private built(): State {
    return (this.state ??= this.table.state(this.id))
  }
}
