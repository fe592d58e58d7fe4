import type { Cell, Notice } from './cells'

/** A lockdep cell as an op: `lock(&mm->mmap_lock);` takes it, `rlock(…)` takes it for reading. */
export interface LockCell {
  readonly kind: 'lock' | 'rlock' | 'unlock'
  /** The lock class as lockdep prints it (`&mm->mmap_lock`). */
  readonly cls: string
}

export function lockOf(cell: Cell): LockCell | null {
  const m = /^(r|w)?(lock|unlock)\((.*)\);?$/.exec(cell.text)
  if (!m?.[3]) return null
  if (m[2] === 'unlock') return { kind: 'unlock', cls: m[3] }
  return { kind: m[1] === 'r' ? 'rlock' : 'lock', cls: m[3] }
}

/**
 * Lock classes as lock names the scenario format accepts (`&mm->mmap_lock` → `mm_mmap_lock`),
 * distinct for distinct classes. Classes taken for reading anywhere are rw-semaphores; the rest
 * are modelled as mutexes (the report does not say which kind a class is, and spinning or
 * sleeping does not change whether the cycle deadlocks).
 */
export function lockNames(cells: readonly Cell[]): {
  names: Map<string, string>
  kinds: Record<string, 'rwsem' | 'mutex'>
} {
  const names = new Map<string, string>()
  const kinds: Record<string, 'rwsem' | 'mutex'> = {}
  const used = new Set<string>()
  for (const c of cells) {
    const l = lockOf(c)
    if (!l) continue
    let name = names.get(l.cls)
    if (name === undefined) {
      const base =
        l.cls
          .replace(/[^A-Za-z0-9_#]+/g, '_')
          .replace(/^[^A-Za-z]+|_+$/g, '')
          .replace(/_+/g, '_')
          .slice(0, 56) || 'lock'
      name = base === 'constructor' || base === 'prototype' ? `${base}_lock` : base
      for (let i = 2; used.has(name); i++) name = `${base}_${String(i)}`
      used.add(name)
      names.set(l.cls, name)
      kinds[name] = 'mutex'
    }
    if (l.kind === 'rlock') kinds[name] = 'rwsem'
  }
  return { names, kinds }
}

export type LockOp =
  | { readonly op: 'lock'; readonly lock: string; readonly mode: 'read' | 'write' }
  | { readonly op: 'unlock'; readonly lock: string }

/**
 * The ops of each lockdep cell, per column, and the releases lockdep does not print (each
 * thread lets go of what it still holds, last taken first, after its last cell). An `unlock` of
 * a class the thread never took (a crosslock: one CPU completes what another waits on) stays a
 * storyboard step, and is said so.
 */
export function lockPlan(
  cells: readonly Cell[],
  names: ReadonlyMap<string, string>,
  columns: number,
  notices: Notice[]
): { ops: (LockOp | null)[]; releases: LockOp[][] } {
  const held: string[][] = Array.from({ length: columns }, () => [])
  const ops = cells.map((c): LockOp | null => {
    const l = lockOf(c)
    const mine = held[c.col] ?? []
    if (!l) return null
    const lock = names.get(l.cls) ?? ''
    if (l.kind === 'unlock') {
      if (!mine.includes(lock)) {
        notices.push({
          line: c.line,
          level: 'warning',
          message: `"${c.text}" releases a lock this CPU never took (a crosslock or completion); imported as a step without ops`,
        })
        return null
      }
      mine.splice(mine.lastIndexOf(lock), 1)
      return { op: 'unlock', lock }
    }
    mine.push(lock)
    return { op: 'lock', lock, mode: l.kind === 'rlock' ? 'read' : 'write' }
  })
  const releases = held.map((mine) => [...mine].reverse().map((lock): LockOp => ({ op: 'unlock', lock })))
  return { ops, releases }
}
