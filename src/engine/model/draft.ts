import type { Effect } from './effect'
import { ModelError } from './errors'
import { formatValue, hex } from './format'
import { own } from './own'
import type { Letter, LockState, State, ThreadState, Value } from './types'

/** Static facts of a scenario the primitives need: geometry, lock kinds, which threads are CPUs. */
export interface World {
  readonly pageSize: number
  readonly ptesPerTable: number
  readonly lockKinds: Readonly<Record<string, 'spin' | 'rwsem' | 'mutex' | 'folio'>>
  /** Threads that run on a CPU (they take IPIs and are RCU readers); devices are not listed. */
  readonly cpus: readonly Letter[]
  readonly threadMm: Readonly<Record<Letter, string>>
  /** The toggles that are on (the program's, for starting-state overrides). */
  readonly toggles: readonly string[]
  /**
   * How many wake-ups a folio-lock waiter may lose to a stealer before the unlocker hands it
   * PG_locked (`sysctl_page_lock_unfairness`); absent or 0: FIFO hand-off at once.
   */
  readonly folioLockUnfairness?: number
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type MapOf<K extends keyof State> = Record<string, State[K][string]>

const EMPTY_LOCK: LockState = { holders: [], waiters: [] }

/** The id under which a read log records that a step read a whole map (no cell has this id). */
export const WHOLE_MAP = '\u0000*'

/**
 * A copy-on-write workspace for one step: maps are copied on their first write, cells are
 * replaced, never edited, so the previous State stays valid and shares everything untouched.
 * Every write goes through `put`, which also logs the before → after effect.
 */
export class Draft {
  private readonly next: Mutable<State>
  readonly effects: Effect[] = []
  /** The cells this step wrote, as map, id pairs, each once: the explorer hashes only these. */
  readonly touched: string[] = []

  /**
   * With `record` false (exhaustive exploration) no effects are logged: nobody reads them.
   * With a `reads` log, every cell of the base state the step reads is appended to it as a
   * (map, id, value) triple, in the order read, each once; a whole map read by `cells` is logged
   * with the id `WHOLE_MAP` and the map itself. The explorer's transition cache replays a step
   * from another state that holds the same values in those cells.
   */
  constructor(
    private readonly base: State,
    readonly world: World,
    readonly record = true,
    private readonly reads: unknown[] | null = null
  ) {
    this.next = { ...base }
  }

  /** The state after the step; only `runStep` reads it, once the ops are done. */
  get state(): State {
    return this.next
  }

  get<K extends keyof State>(map: K, id: string): State[K][string] | undefined {
    if (this.reads !== null) this.logRead(map, id)
    return own(this.next[map] as MapOf<K>, id)
  }

  /** A whole map, for the primitives that visit every entry (grace periods, secondary MMUs). */
  cells<K extends keyof State>(map: K): State[K] {
    if (this.reads !== null) this.logRead(map, WHOLE_MAP)
    return this.next[map]
  }

  /** A cell's first read, unless the step wrote it first (then the step's own write is read). */
  private logRead(map: keyof State, id: string): void {
    const r = this.reads as unknown[]
    for (let i = 0; i < r.length; i += 3) if (r[i] === map && r[i + 1] === id) return
    if (id === WHOLE_MAP) {
      r.push(map, id, this.base[map])
      return
    }
    if (this.wrote(map, id)) return
    r.push(map, id, own(this.base[map] as MapOf<typeof map>, id))
  }

  must<K extends keyof State>(map: K, id: string): State[K][string] {
    const v = this.get(map, id)
    if (v === undefined) throw new ModelError(`no ${map.replace(/s$/, '')} '${id}'`)
    return v
  }

  /** Replace (or with `undefined`, delete) one cell of a map, logging field-level effects. */
  put<K extends keyof State>(map: K, id: string, value: State[K][string] | undefined, log = true): void {
    // Only the effect log looks at the old value: writing a cell is not reading it.
    const before = own(this.next[map] as MapOf<K>, id)
    // A map still shared with the base is copied on its first write, once per step.
    if (this.next[map] === this.base[map]) (this.next as Record<string, unknown>)[map] = { ...this.next[map] }
    if (!this.wrote(map, id)) this.touched.push(map, id)
    const m = this.next[map] as MapOf<K>
    if (value === undefined) Reflect.deleteProperty(m, id)
    else m[id] = value
    if (log && this.record) this.logWrite(`${map}:${id}`, before, value)
  }

  patch<K extends 'folios' | 'tables' | 'vmas' | 'threads' | 'iommus'>(
    map: K,
    id: string,
    fields: Partial<State[K][string]>,
    log = true
  ): void {
    const before = this.must(map, id)
    this.put(map, id, { ...before, ...fields }, false)
    if (!log || !this.record) return
    for (const key of Object.keys(fields)) {
      // Waiting is reported by the block/wake effects, in words; the raw fields would repeat it.
      if (key === 'blocked' || key === 'granted') continue
      const b = (before as unknown as Record<string, unknown>)[key]
      const a = (fields as Record<string, unknown>)[key]
      if (key === 'locals' || key === 'ptes' || key === 'tlb' || key === 'iotlb' || key === 'walkCache')
        this.logRecordDiff(`${map}:${id}.${key}`, b as Record<string, unknown>, a as Record<string, unknown>)
      else if (JSON.stringify(a) !== JSON.stringify(b)) {
        // VMA bounds are addresses: shown in hex, as the research notes write them.
        const fmt =
          map === 'vmas' && (key === 'start' || key === 'end') ? (x: unknown) => hex(x as number) : show
        this.effects.push({ kind: 'write', path: `${map}:${id}.${key}`, before: fmt(b), after: fmt(a) })
      }
    }
  }

  private wrote(map: string, id: string): boolean {
    const w = this.touched
    for (let i = 0; i < w.length; i += 2) if (w[i] === map && w[i + 1] === id) return true
    return false
  }

  thread(t: Letter): ThreadState {
    return this.must('threads', t)
  }

  patchThread(t: Letter, fields: Partial<ThreadState>): void {
    this.patch('threads', t, fields)
  }

  setLocal(t: Letter, name: string, value: Value): void {
    this.patchThread(t, { locals: { ...this.thread(t).locals, [name]: value } })
  }

  lock(name: string): LockState {
    return this.get('locks', name) ?? EMPTY_LOCK
  }

  /** Locks with no holder and no waiter are dropped, so equal states have equal keys. */
  putLock(name: string, l: LockState): void {
    const racing = l.racing !== undefined && l.racing.length > 0
    const idle = l.holders.length === 0 && l.waiters.length === 0 && !racing
    const cell: LockState = racing || l.racing === undefined ? l : { holders: l.holders, waiters: l.waiters }
    this.put('locks', name, idle ? undefined : cell, false)
  }

  read(path: string, value: unknown): void {
    if (!this.record) return
    this.effects.push({ kind: 'read', path, value: show(value) })
  }

  private logWrite(path: string, before: unknown, after: unknown): void {
    const b = show(before)
    const a = show(after)
    if (a !== b) this.effects.push({ kind: 'write', path, before: b, after: a })
  }

  private logRecordDiff(path: string, before: Record<string, unknown>, after: Record<string, unknown>): void {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    for (const k of keys) this.logWrite(`${path}.${k}`, own(before, k), own(after, k))
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'none'
  if (typeof v === 'object' && v !== null && 'refcount' in v && 'mapcount' in v) {
    const f = v as { refcount: number; mapcount: number; freed: boolean }
    return f.freed ? 'freed' : `folio (refcount ${String(f.refcount)}, mapcount ${String(f.mapcount)})`
  }
  if (typeof v === 'object' && v !== null && 'done' in v && 'waiters' in v) {
    const c = v as { done: number; waiters: string[] }
    return `done ${String(c.done)}${c.waiters.length ? `, waiting: ${c.waiters.join(' ')}` : ''}`
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !('k' in v)) return JSON.stringify(v)
  return formatValue(v as Value)
}
