import type { State } from '../model/types'
import type { Perm, Symmetry } from './symmetry'

/**
 * Renaming under a permutation of interchangeable threads (explore/symmetry.ts): names wherever
 * they are, thread letters only where the model keeps a thread.
 */

/** A whole state under `g`: threads change places, and every cell is renamed. */
export function renameState(st: State, g: Perm, order: readonly string[]): State {
  const out: Record<string, unknown> = {}
  for (const [m, cells] of Object.entries(st)) {
    if (m !== 'threads') {
      out[m] = rename(cells, g, order)
      continue
    }
    const threads: Record<string, unknown> = {}
    for (const [t, th] of Object.entries(cells as Record<string, unknown>))
      threads[g.letters.get(t) ?? t] = rename(th, g, order)
    out[m] = threads
  }
  return out as unknown as State
}

/** Structural equality; records compare as sets of entries. */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => same(x, b[i]))
  }
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) return false
  const x = a as Record<string, unknown>
  const y = b as Record<string, unknown>
  const kx = Object.keys(x).filter((k) => x[k] !== undefined)
  const ky = Object.keys(y).filter((k) => y[k] !== undefined)
  return kx.length === ky.length && kx.every((k) => same(x[k], y[k]))
}

/**
 * Whether some permutation of the group could change `v`: it holds a name one renames (whole or as
 * a part of a composite name), or a thread letter where letters are kept. Most parts of a state
 * hold neither; the canonical form asks this once per stored part instead of renaming it once
 * per permutation.
 */
export function renameable(v: unknown, sym: Symmetry, key = ''): boolean {
  if (typeof v === 'string') {
    if (LETTER_KEYS.has(key) || key === 'local') return true
    return (
      sym.names.has(v) ||
      ((v.includes(':') || v.includes('#')) && v.split(/[:#]/).some((x) => sym.names.has(x)))
    )
  }
  if (typeof v !== 'object' || v === null) return false
  if (Array.isArray(v)) return LETTER_LISTS.has(key) ? v.length > 0 : v.some((x) => renameable(x, sym))
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue
    if (renameable(k, sym) || renameable(x, sym, k)) return true
  }
  return false
}

/** Keys whose string values are thread letters; a `waitFor` list is a set kept in thread order. */
const LETTER_KEYS = new Set(['t', 'from', 'finished'])
const LETTER_LISTS = new Set(['waitFor', 'waiters'])

/**
 * `v` under `g`: names renamed wherever they are (a string the renaming names, or a composite name
 * such as `PA#0` or `free:T_A` whose `:`/`#`-separated parts it names; record keys too), thread
 * letters only where the model keeps a thread (`t`, `from`, `finished`, a `waitFor` or
 * completion `waiters` list, the thread of a `local: "B.page"`). Parts that do not change are
 * returned as they are, so an unchanged value keeps its identity.
 */
export function rename(v: unknown, g: Perm, order: readonly string[], key = ''): unknown {
  if (typeof v === 'string') {
    if (LETTER_KEYS.has(key)) return g.letters.get(v) ?? v
    if (key === 'local') {
      const dot = v.indexOf('.')
      const t = v.slice(0, dot)
      return dot > 0 && g.letters.has(t) ? `${g.letters.get(t) as string}${v.slice(dot)}` : v
    }
    return renameString(v, g.names)
  }
  if (typeof v !== 'object' || v === null) return v
  if (Array.isArray(v)) {
    if (LETTER_LISTS.has(key) && v.every((x) => typeof x === 'string')) {
      const ls = v.map((x: string) => g.letters.get(x) ?? x)
      if (key === 'waitFor') ls.sort((a, b) => order.indexOf(a) - order.indexOf(b))
      return ls.every((x, i) => x === v[i]) ? v : ls
    }
    let out: unknown[] | null = null
    for (let i = 0; i < v.length; i++) {
      const x = rename(v[i], g, order)
      if (x !== v[i]) (out ??= [...(v as unknown[])])[i] = x
    }
    return out ?? v
  }
  const rec = v as Record<string, unknown>
  const entries: [string, unknown][] = []
  let changed = false
  for (const k in rec) {
    const x = rec[k]
    if (x === undefined) continue
    const k2 = renameString(k, g.names)
    const y = rename(x, g, order, k)
    if (k2 !== k || y !== x) changed = true
    entries.push([k2, y])
  }
  if (!changed) return v
  const out: Record<string, unknown> = {}
  for (const [k, y] of entries) out[k] = y
  return out
}

function renameString(s: string, names: ReadonlyMap<string, string>): string {
  const direct = names.get(s)
  if (direct !== undefined) return direct
  if (!s.includes(':') && !s.includes('#')) return s
  const parts = s.split(/([:#])/)
  let changed = false
  for (let i = 0; i < parts.length; i += 2) {
    const x = names.get(parts[i] as string)
    if (x !== undefined) {
      parts[i] = x
      changed = true
    }
  }
  return changed ? parts.join('') : s
}
