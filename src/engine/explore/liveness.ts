import type { Program, Step } from '../scenario/program'
import { outcomeLocals } from './reduce'
import { OPS } from '../ops/registry'
import type { State, ThreadState, Value } from '../model/types'

/**
 * Dead-variable reduction. A thread's local is *live* at a program point when some step the
 * thread may still run reads it before overwriting it, or an outcome reads it. Clearing the dead
 * ones after each step merges states that differ only in values nobody will read again: such
 * states have the same enabled steps, the same successors (up to the same dead values) and the
 * same outcomes, so every verdict, shortest schedule length and interleaving count is unchanged.
 *
 * Liveness is derived from the program, never annotated: a step reads every `$name` anywhere in
 * its ops' parameters and the local a `test` op names (all counted as read before anything the
 * step writes, which can only keep more alive); it overwrites what its ops declare they save
 * (`OpDef.saves`) on the ways out of the step that pass them. Outcome predicates keep the
 * locals they name (`{ local: "B.page" }`) live everywhere.
 */
export interface Liveness {
  /** Per thread letter, per program counter (a step index, or the step count for "finished"). */
  readonly live: ReadonlyMap<string, readonly (ReadonlySet<string> | null)[]>
}

/** `null` at a point means "every local is live there" (nothing to clear). */
export function liveness(p: Program): Liveness {
  const watched = new Map<string, Set<string>>()
  for (const ref of outcomeLocals(p)) {
    const [t = '', name = ''] = ref.split('.')
    let set = watched.get(t)
    if (!set) watched.set(t, (set = new Set()))
    set.add(name)
  }

  const live = new Map<string, (ReadonlySet<string> | null)[]>()
  for (const th of p.threads) {
    const n = th.steps.length
    const always = watched.get(th.letter) ?? new Set<string>()
    const gen = th.steps.map(readsOf)
    const exits = th.steps.map(exitsOf)
    // Backward data-flow to a fixed point: in(i) = gen(i) ∪ watched ∪ (in(target) − killed) over
    // every way out of step i.
    const liveIn: Set<string>[] = Array.from({ length: n + 1 }, () => new Set(always))
    for (let changed = true; changed;) {
      changed = false
      for (let i = n - 1; i >= 0; i--) {
        const cur = liveIn[i] as Set<string>
        const before = cur.size
        for (const x of gen[i] as Set<string>) cur.add(x)
        for (const e of exits[i] as Exit[])
          for (const x of liveIn[Math.min(e.to, n)] as Set<string>) if (!e.killed.has(x)) cur.add(x)
        if (cur.size !== before) changed = true
      }
    }
    live.set(th.letter, liveIn)
  }
  return { live }
}

/** One way out of a step: to step `to`, having surely overwritten the locals in `killed`. */
interface Exit {
  readonly to: number
  readonly killed: ReadonlySet<string>
}

/**
 * The ways out of a step. The step stops at the first op whose result has a branch (`on`);
 * otherwise it runs every op and goes on to `next`. An op overwrites its local (`OpDef.saves`)
 * unless it returned one of its `unless` results.
 */
function exitsOf(st: Step): Exit[] {
  const out: Exit[] = []
  const killed = new Set<string>()
  for (const op of st.ops) {
    const def = OPS[op.op]
    const saves = def?.saves
    const local = saves ? op[saves.param] : undefined
    const results = def?.results ?? Object.keys(st.on)
    for (const r of results) {
      const to = st.on[r]
      if (to === undefined) continue
      const k = new Set(killed)
      if (typeof local === 'string' && !(saves?.unless ?? []).includes(r)) k.add(local)
      out.push({ to, killed: k })
    }
    // Past this op without branching: it overwrote its local only if every result it can
    // return without branching is one that saves.
    if (
      typeof local === 'string' &&
      results.every((r) => st.on[r] !== undefined || !(saves?.unless ?? []).includes(r))
    )
      killed.add(local)
  }
  out.push({ to: st.next, killed })
  return out
}

/** Every local a step may read: `$name` anywhere in its ops, and a `test` op's local. */
function readsOf(st: Step): Set<string> {
  const out = new Set<string>()
  const scan = (v: unknown): void => {
    if (typeof v === 'string') {
      if (v.startsWith('$')) out.add(v.slice(1))
    } else if (Array.isArray(v)) v.forEach(scan)
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(scan)
  }
  for (const op of st.ops) {
    scan(op)
    if (op.op === 'test' && typeof op.local === 'string') out.add(op.local)
  }
  return out
}

const cache = new WeakMap<Program, Liveness>()

/** `liveness(p)`, computed once per program. */
export function livenessOf(p: Program): Liveness {
  let l = p.liveness ?? cache.get(p)
  if (!l) cache.set(p, (l = liveness(p)))
  return l
}

/**
 * The state with every thread's dead locals dropped: two states are the same situation exactly
 * when these are equal (a replay uses it to see that a run came back to where it was).
 */
export function withoutDead(p: Program, s: State): State {
  const { live } = livenessOf(p)
  let threads: Record<string, ThreadState> | null = null
  for (const [t, th] of Object.entries(s.threads)) {
    const keep = live.get(t)?.[Math.min(th.pc, (live.get(t)?.length ?? 1) - 1)]
    if (!keep || Object.keys(th.locals).every((k) => keep.has(k))) continue
    const locals: Record<string, Value> = {}
    for (const [k, v] of Object.entries(th.locals)) if (keep.has(k)) locals[k] = v
    threads ??= { ...s.threads }
    threads[t] = { ...th, locals }
  }
  return threads ? { ...s, threads } : s
}
