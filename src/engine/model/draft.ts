import type { Effect } from './effect'
import { ModelError } from './errors'
import { formatValue } from './format'
import type { Letter, LockState, State, ThreadState, Value } from './types'

/** Static facts of a scenario the primitives need: geometry, lock kinds, which threads are CPUs. */
export interface World {
  readonly pageSize: number
  readonly ptesPerTable: number
  readonly lockKinds: Readonly<Record<string, 'spin' | 'rwsem' | 'mutex' | 'folio'>>
  /** Threads that run on a CPU (they take IPIs and are RCU readers); devices are not listed. */
  readonly cpus: readonly Letter[]
  readonly threadMm: Readonly<Record<Letter, string>>
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }
type MapOf<K extends keyof State> = Record<string, State[K][string]>

const EMPTY_LOCK: LockState = { holders: [], waiters: [] }

/**
 * A copy-on-write workspace for one step: maps are copied on their first write, cells are
 * replaced, never edited, so the previous State stays valid and shares everything untouched.
 * Every write goes through `put`, which also logs the before → after effect.
 */
export class Draft {
  private readonly next: Mutable<State>
  private readonly copied = new Set<keyof State>()
  readonly effects: Effect[] = []

  constructor(
    base: State,
    readonly world: World
  ) {
    this.next = { ...base }
  }

  get state(): State {
    return this.next
  }

  get<K extends keyof State>(map: K, id: string): State[K][string] | undefined {
    return (this.next[map] as MapOf<K>)[id]
  }

  must<K extends keyof State>(map: K, id: string): State[K][string] {
    const v = this.get(map, id)
    if (v === undefined) throw new ModelError(`no ${map.replace(/s$/, '')} '${id}'`)
    return v
  }

  /** Replace (or with `undefined`, delete) one cell of a map, logging field-level effects. */
  put<K extends keyof State>(map: K, id: string, value: State[K][string] | undefined, log = true): void {
    const before = this.get(map, id)
    if (!this.copied.has(map)) {
      ;(this.next as Record<string, unknown>)[map] = { ...this.next[map] }
      this.copied.add(map)
    }
    const m = this.next[map] as MapOf<K>
    if (value === undefined) Reflect.deleteProperty(m, id)
    else m[id] = value
    if (log) this.logWrite(`${map}:${id}`, before, value)
  }

  patch<K extends 'folios' | 'tables' | 'vmas' | 'threads' | 'iommus'>(
    map: K,
    id: string,
    fields: Partial<State[K][string]>,
    log = true
  ): void {
    const before = this.must(map, id)
    this.put(map, id, { ...before, ...fields }, false)
    if (!log) return
    for (const key of Object.keys(fields)) {
      const b = (before as unknown as Record<string, unknown>)[key]
      const a = (fields as Record<string, unknown>)[key]
      if (key === 'locals' || key === 'ptes' || key === 'tlb' || key === 'iotlb' || key === 'walkCache')
        this.logRecordDiff(`${map}:${id}.${key}`, b as Record<string, unknown>, a as Record<string, unknown>)
      else if (JSON.stringify(a) !== JSON.stringify(b))
        this.effects.push({ kind: 'write', path: `${map}:${id}.${key}`, before: show(b), after: show(a) })
    }
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
    this.put('locks', name, l.holders.length === 0 && l.waiters.length === 0 ? undefined : l, false)
  }

  read(path: string, value: unknown): void {
    this.effects.push({ kind: 'read', path, value: show(value) })
  }

  private logWrite(path: string, before: unknown, after: unknown): void {
    const b = show(before)
    const a = show(after)
    if (a !== b) this.effects.push({ kind: 'write', path, before: b, after: a })
  }

  private logRecordDiff(path: string, before: Record<string, unknown>, after: Record<string, unknown>): void {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)])
    for (const k of keys) this.logWrite(`${path}.${k}`, before[k], after[k])
  }
}

function show(v: unknown): string {
  if (v === undefined) return 'none'
  if (typeof v === 'object' && v !== null && !Array.isArray(v) && !('k' in v)) return JSON.stringify(v)
  return formatValue(v as Value)
}
