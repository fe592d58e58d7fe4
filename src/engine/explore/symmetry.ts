import type { Program, ThreadProgram } from '../scenario/program'
import { rename, renameState, same } from './rename'

export { rename, renameable, renameState, same } from './rename'

/**
 * Symmetry reduction: threads that run the same program (up to their own names: the letter, step
 * ids, and every `%t`-derived name such as `ptl_B`) from the same starting state are
 * interchangeable, and a state is the same situation as the state with those threads' roles
 * swapped. The explorer stores one state per such orbit (explore/canonical.ts).
 *
 * The group is found, never declared: for each pair of threads, the renaming of strings that
 * turns one's program into the other's; for each permutation of interchangeable threads, the
 * union of those renamings, kept only if it maps the whole program onto itself (every thread's
 * program onto its image's, the starting state, the world, and each outcome predicate onto
 * itself). Anything a renaming would change that has no counterpart (an outcome that names thread
 * A but not B, a constant that happens to be a letter) rejects the permutation, so the answer is
 * the largest group of checked automorphisms, or none.
 */
export interface Perm {
  /** Thread index `i` becomes thread index `to[i]`. */
  readonly to: readonly number[]
  /** How names are renamed (step ids, `%t`-derived names); absent: unchanged. */
  readonly names: ReadonlyMap<string, string>
  /**
   * How thread letters are renamed. Letters are renamed only where the model keeps a thread
   * (a lock holder or waiter, an IPI's sender, a wait list, `finished`, `B.page`), never as
   * names: a folio may well be called `D` in a race with a thread D.
   */
  readonly letters: ReadonlyMap<string, string>
}

export interface Symmetry {
  /** The group, identity first. */
  readonly perms: readonly Perm[]
  /** `mul[a][b]`: the index of a∘b (b applied first). */
  readonly mul: readonly (readonly number[])[]
  readonly inv: readonly number[]
  /** The thread letters in index order (a renamed `waitFor` list is put back in this order). */
  readonly letters: readonly string[]
  /** Every name some permutation renames. */
  readonly names: ReadonlySet<string>
}

/** The largest group used: canonical forms cost one row comparison per element. */
export const MAX_GROUP = 120

/** The symmetry group of a program, or null when no two threads are interchangeable. */
export function symmetryOf(p: Program): Symmetry | null {
  const threads = p.threads
  const n = threads.length
  const sigs = threads.map(signature)
  const match: (Map<string, string> | null)[][] = sigs.map((a, i) =>
    sigs.map((b, j) => (i === j ? new Map<string, string>() : pairRenaming(a, b)))
  )
  // Classes of mutually matching threads; too large a group is cut into smaller classes.
  const classes: number[][] = []
  for (let i = 0; i < n; i++) {
    // A thread switched off never changes: swapping two of them would cost and merge nothing.
    if (!threads[i]?.active) continue
    const c = classes.find((k) => match[k[0] as number]?.[i] && match[i]?.[k[0] as number])
    if (c) c.push(i)
    else classes.push([i])
  }
  const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1))
  const size = () => classes.reduce((a, c) => a * fact(c.length), 1)
  while (size() > MAX_GROUP) {
    const big = classes.reduce((a, c) => (c.length > a.length ? c : a))
    classes.splice(classes.indexOf(big), 1, big.slice(0, big.length >> 1), big.slice(big.length >> 1))
  }
  if (size() === 1) return null

  const letters = threads.map((t) => t.letter)
  const perms: Perm[] = []
  for (const to of product(classes, n)) {
    const names = new Map<string, string>()
    let ok = true
    for (let i = 0; i < n && ok; i++) {
      if (to[i] === i) continue
      for (const [a, b] of match[i]?.[to[i] as number] ?? []) {
        if ((names.get(a) ?? b) !== b) ok = false
        names.set(a, b)
      }
    }
    for (const [a, b] of [...names]) if (a === b) names.delete(a)
    if (!ok || new Set(names.values()).size !== names.size) continue
    const perm: Perm = {
      to,
      names,
      letters: new Map(letters.map((l, i) => [l, letters[to[i] as number] as string])),
    }
    if (isAutomorphism(p, sigs, perm, letters)) perms.push(perm)
  }
  if (perms.length <= 1) return null
  const key = (to: readonly number[]) => to.join(',')
  const index = new Map(perms.map((g, k) => [key(g.to), k]))
  const mul = perms.map((a) =>
    perms.map((b) => {
      const k = index.get(key(b.to.map((x) => a.to[x] as number)))
      if (k === undefined) throw new Error('symmetry: the checked permutations are not closed')
      return k
    })
  )
  const inv = perms.map((_, a) => (mul[a] as number[]).indexOf(0))
  return { perms, mul, inv, letters, names: new Set(perms.flatMap((g) => [...g.names.keys()])) }
}

/** Every permutation that maps each class onto itself, identity first. */
function product(classes: readonly number[][], n: number): number[][] {
  let out: number[][] = [Array.from({ length: n }, (_, i) => i)]
  for (const c of classes) {
    if (c.length < 2) continue
    const next: number[][] = []
    for (const base of out)
      for (const order of permutations(c)) {
        const to = [...base]
        c.forEach((x, k) => (to[x] = order[k] as number))
        next.push(to)
      }
    out = next
  }
  return out
}

function permutations(xs: readonly number[]): number[][] {
  if (xs.length <= 1) return [[...xs]]
  const out: number[][] = []
  for (const rest of permutations(xs.slice(1)))
    for (let k = 0; k <= rest.length; k++) out.push([...rest.slice(0, k), xs[0] as number, ...rest.slice(k)])
  // Identity first: the canonical form prefers it among equal rows.
  out.sort((a, b) => Number(b.every((x, i) => x === xs[i])) - Number(a.every((x, i) => x === xs[i])))
  return out
}

/** What of a thread's program the semantics can see (not its name, titles or links). */
function signature(t: ThreadProgram): unknown {
  return {
    cpu: t.cpu,
    mm: t.mm,
    active: t.active,
    steps: t.steps.map((s) => ({
      id: s.spec.id,
      progress: s.spec.progress,
      ops: s.ops,
      on: s.on,
      next: s.next,
    })),
  }
}

/** The renaming of strings that turns `a` into `b`, or null when their shapes differ. */
function pairRenaming(a: unknown, b: unknown): Map<string, string> | null {
  const m = new Map<string, string>()
  const back = new Map<string, string>()
  const walk = (x: unknown, y: unknown): boolean => {
    if (typeof x === 'string' && typeof y === 'string') {
      // Names that stay are recorded too, so a name cannot both stay and become another.
      if ((m.get(x) ?? y) !== y || (back.get(y) ?? x) !== x) return false
      m.set(x, y)
      back.set(y, x)
      return true
    }
    if (Array.isArray(x) || Array.isArray(y)) {
      if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false
      return x.every((v, i) => walk(v, y[i]))
    }
    if (typeof x === 'object' && x !== null && typeof y === 'object' && y !== null) {
      const kx = Object.keys(x).sort()
      const ky = Object.keys(y).sort()
      if (kx.length !== ky.length || kx.some((k, i) => k !== ky[i])) return false
      return kx.every((k) => walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]))
    }
    return x === y
  }
  return walk(a, b) ? m : null
}

function isAutomorphism(p: Program, sigs: readonly unknown[], g: Perm, order: readonly string[]): boolean {
  const r = (v: unknown) => rename(v, g, order)
  if (!sigs.every((x, i) => same(r(x), sigs[g.to[i] as number]))) return false
  if (!same(renameState(p.initial, g, order), p.initial) || !same(r(p.addresses), p.addresses)) return false
  const w = p.world
  const letter = (l: string) => g.letters.get(l) ?? l
  const moved = {
    ...w,
    lockKinds: r(w.lockKinds),
    cpus: w.cpus.map(letter).sort(),
    threadMm: Object.fromEntries(Object.entries(w.threadMm).map(([t, mm]) => [letter(t), r(mm)])),
  }
  if (!same(moved, { ...w, cpus: [...w.cpus].sort() })) return false
  return p.scenario.outcomes.every((o) => same(normal(r(o)), normal(o)))
}

/** An outcome with its `all` / `any` lists in a fixed order, so a renaming may reorder them. */
function normal(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normal)
  if (typeof v !== 'object' || v === null) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    const y = normal(x)
    out[k] =
      (k === 'all' || k === 'any') && Array.isArray(y)
        ? [...(y as unknown[])].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
        : y
  }
  return out
}
