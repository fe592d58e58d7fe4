import type { StateTable } from './stateTable'
import { rename, renameable, type Symmetry } from './symmetry'

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
  /** Per permutation: object id → renamed object's id + 1 (0: not yet known). */
  const memo = sym.perms.map(() => new Int32Array(1024))
  /** Per object id: 0 not yet asked, 1 no permutation changes it, 2 some may. */
  let inert = new Uint8Array(1024)
  const best = new Int32Array(width)
  const cand = new Int32Array(width)

  const mapped = (g: number, id: number): number => {
    if (id >= inert.length) {
      const bigger = new Uint8Array(Math.max(inert.length * 2, id + 1))
      bigger.set(inert)
      inert = bigger
    }
    let known = inert[id] as number
    if (known === 0) inert[id] = known = renameable(table.objectById(id), sym) ? 2 : 1
    if (known === 1) return id
    let m = memo[g] as Int32Array
    if (id >= m.length) {
      const bigger = new Int32Array(Math.max(m.length * 2, id + 1))
      bigger.set(m)
      memo[g] = m = bigger
    }
    const was = m[id] as number
    if (was !== 0) return was - 1
    const o = table.objectById(id)
    const r = rename(o, sym.perms[g] as Symmetry['perms'][number], sym.letters)
    const out = r === o ? id : table.internValue(r as object)
    m[id] = out + 1
    return out
  }

  return (row) => {
    best.set(row)
    let chosen = 0
    for (let g = 1; g < G; g++) {
      const f = from[g] as Int32Array
      let cmp = 0
      for (let k = 0; k < width; k++) {
        const c = mapped(g, row[k < n ? (f[k] as number) : k] as number)
        cand[k] = c
        if (cmp === 0) {
          const b = best[k] as number
          if (c > b) {
            cmp = 1
            break
          }
          if (c < b) cmp = -1
        }
      }
      if (cmp < 0) {
        best.set(cand)
        chosen = g
      }
    }
    if (chosen !== 0) row.set(best)
    return chosen
  }
}
