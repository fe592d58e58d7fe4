import type { StateTable } from './stateTable'
import { rename, renameable, type Symmetry } from './symmetry'
import { roomFor } from './roomFor'

/**
 * The canonical form of a stored state under a symmetry group (explore/symmetry.ts): of the rows
 * the group's permutations make of it, the least (cell by cell, as integer ids). The rows of one
 * orbit are the same set whichever member is given, because equal values have equal ids in the
 * table, so every member gets the same representative.
 *
 * A permutation moves thread i's cell to slot `to[i]` and renames names inside every cell (a lock
 * holder, a `ptl_B`, a waiter list). Renaming a stored object is remembered per permutation and
 * object id, so after the first few thousand states a canonical form is a few hundred array reads.
 */
export function canonicalForm(table: StateTable, sym: Symmetry): (row: Int32Array) => number {
  const n = sym.letters.length
  if (table.threadLetters.join() !== sym.letters.join())
    throw new Error('symmetry: the table and the program list the threads differently')
  const width = table.rowWidth
  const G = sym.perms.length
  /** Per permutation: which thread's cell lands in slot k. */
  const from = sym.perms.map((g) => {
    const f = new Int32Array(n)
    g.to.forEach((k, i) => (f[k] = i))
    return f
  })
  /**
   * Per object id: 0 not yet asked, -1 no permutation changes it, else 1 + its index among the
   * objects some permutation may change (a lock map with holders, a thread with a wait list).
   */
  let kind = new Int32Array(1024)
  let changeable = 0
  /**
   * Per permutation, over the changeable objects only: the renamed object's id + 1 (0: not yet
   * known). Most parts are unchanged by every permutation, so these stay small.
   */
  const memo: Int32Array[] = sym.perms.map(() => new Int32Array(256))
  const best = new Int32Array(width)
  const cand = new Int32Array(width)

  /** Object `id`'s entry in `kind`, worked out the first time. */
  const kindOf = (id: number): number => {
    kind = roomFor(kind, id)
    let k = kind[id] as number
    if (k === 0) kind[id] = k = renameable(table.objectById(id), sym) ? ++changeable : -1
    return k
  }

  const mapped = (g: number, id: number): number => {
    const k = kindOf(id)
    if (k < 0) return id
    const m = (memo[g] = roomFor(memo[g] as Int32Array, k))
    const was = m[k] as number
    if (was !== 0) return was - 1
    const o = table.objectById(id)
    const r = rename(o, sym.perms[g] as Symmetry['perms'][number], sym.letters)
    const out = r === o ? id : table.internValue(r as object)
    m[k] = out + 1
    return out
  }

  /** The cells a permutation can change in the row at hand: the threads, then changeable maps. */
  const active = new Int32Array(width)
  return (row) => {
    let na = 0
    for (let j = 0; j < width; j++) {
      // A map no permutation changes is the same cell in every candidate: it never decides.
      if (j >= n && kindOf(row[j] as number) < 0) continue
      active[na++] = j
    }
    best.set(row)
    let chosen = 0
    for (let g = 1; g < G; g++) {
      const f = from[g] as Int32Array
      let cmp = 0
      for (let a = 0; a < na; a++) {
        const j = active[a] as number
        const c = mapped(g, row[j < n ? (f[j] as number) : j] as number)
        cand[j] = c
        if (cmp === 0) {
          const b = best[j] as number
          if (c > b) {
            cmp = 1
            break
          }
          if (c < b) cmp = -1
        }
      }
      if (cmp < 0) {
        for (let a = 0; a < na; a++) {
          const j = active[a] as number
          best[j] = cand[j] as number
        }
        chosen = g
      }
    }
    if (chosen !== 0) row.set(best)
    return chosen
  }
}
