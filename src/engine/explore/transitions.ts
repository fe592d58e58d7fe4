import { progressSteps } from '../interp/outcomes'
import { runStep } from '../interp/step'
import { WHOLE_MAP } from '../model/draft'
import { inheritedName, own } from '../model/own'
import type { Letter } from '../model/types'
import type { Program } from '../scenario/program'
import { PairMemo } from './pairMemo'
import type { StateTable, WriteSet } from './stateTable'

/** A recorded step: the cells it wrote, with the values the table stores. */
interface Leaf extends WriteSet {
  readonly leaf: true
  readonly kind: 'run' | 'wait'
  readonly stepId: string
  readonly progress: boolean
  /** It read and wrote no other thread's cell: explore/pairMemo.ts may remember it. */
  readonly pairable: boolean
  /** Its index in `TransitionCache.leaves`. */
  readonly index: number
}

/** The next cell the step reads; which branch to take depends on the value found there. */
interface Node {
  readonly leaf: false
  readonly map: string
  readonly id: string
  /** Where the cell lives in a stored row (`StateTable.slot`), and whether the whole map is read. */
  readonly slot: number
  readonly whole: boolean
  /** The id is also a member of `Object.prototype` (`toString`): read with `readOwn`. */
  readonly inherited: boolean
  readonly next: Map<unknown, Node | Leaf>
}

type Branches = Map<unknown, Node | Leaf>

const NONE: readonly never[] = Object.freeze([])

/**
 * The explorer's memory of steps it has already run, so that a step met again in another state
 * is replayed from its record instead of being interpreted again.
 *
 * A step is deterministic: given the running thread's own state, what it reads next depends
 * only on the values it has read so far, and what it writes depends only on all it read. So the
 * steps a thread ran from one thread state form a tree: each node names the next cell read, each
 * branch a value found there, each leaf the cells written. Stored states are hash-consed (equal
 * values are the same object), so following the tree in another state is a chain of identity
 * comparisons. A state that leaves the tree runs the real step (`runStep`, the one place a
 * step's semantics live), which logs its reads through the `Draft`, and grows the tree.
 */
export class TransitionCache {
  private readonly roots: Branches[]
  private readonly leaves: Leaf[] = []
  private readonly memo = new PairMemo()
  /** Each thread's slot in a stored row; known once the table has its root state. */
  private selfSlots: number[] = []
  /**
   * Steps asked for, how many of them had to be interpreted (the rest were replayed), and how
   * many the pair memo answered without reading a cell.
   */
  asked = 0
  remembered = 0
  ran = 0

  constructor(
    private readonly p: Program,
    private readonly table: StateTable
  ) {
    this.roots = p.threads.map((): Branches => new Map())
    this.isProgress = progressSteps(p)
  }

  /**
   * Whether the last step ran or queued on a resource, its id, and whether it ran a progress
   * step (for livelock); read after `step`.
   */
  get lastKind(): 'run' | 'wait' {
    return this.lastLeaf?.kind ?? 'run'
  }

  get lastStepId(): string {
    return this.lastLeaf?.stepId ?? ''
  }

  get lastProgress(): boolean {
    return this.lastLeaf?.progress ?? false
  }

  private lastLeaf: Leaf | null = null
  private readonly isProgress: (t: string, stepId: string) => boolean

  /**
   * Run thread `t` (index `ti`) from stored state `from`: the successor's id in the table (new
   * when not below the table's size before). Throws `StepError` as `runStep` does.
   */
  step(from: number, t: Letter, ti: number): number {
    const table = this.table
    this.asked++
    if (this.selfSlots.length === 0)
      this.selfSlots = this.p.threads.map((x) => table.slot('threads', x.letter))
    const slot = this.selfSlots[ti] as number
    const selfId = table.threadsOf(from)[slot] as number
    const world = table.worldOf(from)
    const memo = this.memo
    const e = memo.find(slot, selfId, world)
    if (e >= 0) {
      this.remembered++
      this.lastLeaf = this.leaves[memo.step(e)] as Leaf
      return table.internPair(from, slot, memo.newSelf(e), memo.newWorld(e), memo.delta(e))
    }
    const root = this.roots[ti] as Branches
    const self = table.objectById(selfId)
    let n = root.get(self)
    while (n !== undefined && !n.leaf)
      n = n.next.get(
        n.inherited ? table.readOwn(from, n.slot, n.id) : table.read(from, n.slot, n.id, n.whole)
      )
    if (n !== undefined) {
      this.lastLeaf = n
      const to = table.internWrites(from, n)
      if (n.pairable) this.remember(from, slot, selfId, world, n)
      return to
    }

    this.ran++
    const reads: unknown[] = []
    const r = runStep(this.p, table.state(from), t, false, reads)
    const perThread = this.perThread(reads)
    const to = table.internChild(from, r.state, r.touched)
    // internChild made the written cells canonical in place: record those, as a state holds them.
    const written = r.state as unknown as Record<string, Record<string, unknown>>
    const threadSlots: number[] = []
    const threadIds: number[] = []
    const maps: string[] = []
    const ids: string[][] = []
    const values: unknown[][] = []
    for (let i = 0; i < r.touched.length; i += 2) {
      const m = r.touched[i] as string
      const id = r.touched[i + 1] as string
      const value = own(written[m] as Record<string, unknown>, id)
      if (m === 'threads') {
        threadSlots.push(table.slot(m, id))
        threadIds.push(table.idOf(value as object))
        continue
      }
      let k = maps.indexOf(m)
      if (k < 0) {
        k = maps.push(m) - 1
        ids.push([])
        values.push([])
      }
      ;(ids[k] as string[]).push(id)
      ;(values[k] as unknown[]).push(value)
    }
    // Thousands of steps are recorded on a large race, most writing no map: those share one
    // empty list, and a map's cache of results is made when the step is first replayed.
    // Arrays built by push keep room for 17 elements: the recorded ones are copied to size.
    const none = maps.length === 0
    const leaf: Leaf = {
      leaf: true,
      threadSlots: threadSlots.slice(),
      threadIds: threadIds.slice(),
      maps: none ? NONE : maps.slice(),
      slots: none ? NONE : maps.map((m) => table.slot(m, '')),
      ids: none ? NONE : ids.map((x) => x.slice()),
      values: none ? NONE : values.map((x) => x.slice()),
      after: none ? [] : new Array<undefined>(maps.length).fill(undefined),
      kind: r.record.kind,
      stepId: r.record.stepId,
      progress: r.record.kind === 'run' && this.isProgress(t, r.record.stepId),
      pairable: threadSlots.every((j) => j === slot) && !readsOther(perThread, t),
      index: this.leaves.length,
    }
    this.leaves.push(leaf)
    this.grow(t, root, self, perThread, leaf)
    this.lastLeaf = leaf
    if (leaf.pairable) this.remember(from, slot, selfId, world, leaf)
    return to
  }

  /** Enter the step just interned (from `from`) in the pair memo. */
  private remember(from: number, slot: number, selfId: number, world: number, leaf: Leaf): void {
    const k = leaf.threadSlots.indexOf(slot)
    const newSelf = k < 0 ? selfId : (leaf.threadIds[k] as number)
    const delta = (this.table.lastHash - this.table.stateHash(from)) | 0
    this.memo.add(slot, selfId, world, newSelf, this.table.lastWorld, leaf.index, delta)
  }

  /** The read log with a read of the whole `threads` map spelled out as a read of each thread. */
  private perThread(reads: readonly unknown[]): unknown[] {
    const out: unknown[] = []
    for (let i = 0; i < reads.length; i += 3) {
      if (reads[i] === 'threads' && reads[i + 1] === WHOLE_MAP) {
        const all = reads[i + 2] as Record<string, unknown>
        for (const x of this.table.threadLetters) out.push('threads', x, all[x])
      } else out.push(reads[i], reads[i + 1], reads[i + 2])
    }
    return out
  }

  private grow(t: Letter, root: Branches, self: unknown, reads: readonly unknown[], leaf: Leaf): void {
    let branches = root
    let key: unknown = self
    for (let i = 0; i < reads.length; i += 3) {
      const map = reads[i] as string
      const id = reads[i + 1] as string
      let n = branches.get(key)
      if (n === undefined) {
        const whole = id === WHOLE_MAP
        n = {
          leaf: false,
          map,
          id,
          slot: this.table.slot(map, whole ? '' : id),
          whole,
          inherited: !whole && inheritedName(id),
          next: new Map(),
        }
        branches.set(key, n)
      } else if (n.leaf || n.map !== map || n.id !== id)
        // The same reads once led elsewhere: a step that is not deterministic, which the engine
        // forbids, or a primitive reading the state without going through the Draft.
        throw new Error(`thread ${t}: a step read ${map}:${id} where the same earlier reads led elsewhere`)
      branches = n.next
      key = reads[i + 2]
    }
    if (branches.has(key)) throw new Error(`thread ${t}: a step already recorded was interpreted again`)
    branches.set(key, leaf)
  }
}

/** Does a read log (`perThread`) read a thread other than `t`? */
function readsOther(reads: readonly unknown[], t: string): boolean {
  for (let i = 0; i < reads.length; i += 3) if (reads[i] === 'threads' && reads[i + 1] !== t) return true
  return false
}
