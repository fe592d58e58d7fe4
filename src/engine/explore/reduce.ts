import type { Expr, Predicate } from '../scenario/schema'
import type { State } from '../model/types'
import type { Program, Step } from '../scenario/program'
import { isLivelock } from '../interp/outcomes'
import { OPS } from '../ops/registry'
import { independent, overlaps, stepFootprint, unionOf, type Footprint } from './footprint'

/** Ops that read and write nothing but the running thread's own locals. */
const LOCAL_OPS = new Set(['set', 'test'])

/** Every `<thread>.<local>` an outcome predicate reads (`{ local: "B.page" }`). */
export function outcomeLocals(p: Program): Set<string> {
  const watched = new Set<string>()
  const visitExpr = (e: Expr): void => {
    if (e !== null && typeof e === 'object') {
      if ('local' in e) watched.add(e.local)
      if ('pageContent' in e) visitExpr(e.pageContent)
    }
  }
  const visit = (pr: Predicate): void => {
    if ('eq' in pr) pr.eq.forEach(visitExpr)
    else if ('ne' in pr) pr.ne.forEach(visitExpr)
    else if ('all' in pr) pr.all.forEach(visit)
    else if ('any' in pr) pr.any.forEach(visit)
    else if ('not' in pr) visit(pr.not)
  }
  for (const o of p.scenario.outcomes) if (!isLivelock(o)) visit(o.predicate)
  return watched
}

/**
 * The earlier partial-order rule (`reduceRule: 'local'`, kept for comparison): is thread `t`'s next step in `s` purely local? That is, it
 * only reads and writes `t`'s locals (or nothing: a step kept for the narration), cannot block,
 * does not finish the thread, and writes no local an outcome looks at. Such a step is
 * independent of every other thread's steps (nothing they do can disable it or see it), and
 * invisible to every outcome, so exploring it alone from `s` loses no reachable outcome.
 */
export function localStep(p: Program): (s: State, t: string) => boolean {
  const watched = outcomeLocals(p)

  const local = new Map<string, boolean[]>()
  for (const th of p.threads)
    local.set(
      th.letter,
      th.steps.map((st, i) => {
        if (st.next >= th.steps.length || Object.values(st.on).some((to) => to >= th.steps.length))
          return false
        if (st.spec.progress || i === st.next) return false
        return st.ops.every(
          (op) =>
            LOCAL_OPS.has(op.op) && !(op.op === 'set' && watched.has(`${th.letter}.${String(op.local)}`))
        )
      })
    )
  return (s, t) => {
    const th = s.threads[t]
    return th !== undefined && th.blocked === null && (local.get(t)?.[th.pc] ?? false)
  }
}

/** Which partial-order rule `ampleThread` applies: footprints (the default), or local steps only. */
export type ReduceRule = 'ample' | 'local'

/**
 * The resources outcome predicates read (explore/footprint.ts names): a step that writes none of
 * them is invisible. `finished` is left out: a step that finishes its thread is never ample.
 */
export function outcomeReads(p: Program): string[] {
  const out = new Set<string>()
  const visitExpr = (e: Expr): void => {
    if (e === null || typeof e !== 'object') return
    if ('local' in e) {
      const [t = '', name = ''] = e.local.split('.')
      out.add(`threads:${t}.locals.${name}`)
    } else if ('var' in e) out.add(`vars:${e.var}`)
    else if ('cache' in e) out.add('pageCache:*')
    else if ('tableStatus' in e) out.add(`tables:${e.tableStatus}`)
    else if ('tablePte' in e) out.add(`tables:${e.tablePte[0]}`)
    else if ('folio' in e) out.add(`folios:${e.folio}`)
    else {
      // A walk, a PTE, page contents: any PMD, table and folio.
      for (const x of ['pmds:*', 'tables:*', 'folios:*']) out.add(x)
      if ('pageContent' in e) visitExpr(e.pageContent)
    }
  }
  const visit = (pr: Predicate): void => {
    if ('mark' in pr) out.add(`marks:${pr.mark}`)
    else if ('eq' in pr) pr.eq.forEach(visitExpr)
    else if ('ne' in pr) pr.ne.forEach(visitExpr)
    else if ('all' in pr) pr.all.forEach(visit)
    else if ('any' in pr) pr.any.forEach(visit)
    else if ('not' in pr) visit(pr.not)
  }
  for (const o of p.scenario.outcomes) if (!isLivelock(o)) visit(o.predicate)
  return [...out]
}

/** Can the step block (a `wait` op first, a `waitAfter` op last)? */
function mayBlock(st: Step): boolean {
  return st.ops.some((op) => {
    const pos = OPS[op.op]?.position
    return pos === undefined
      ? OPS[op.op] === undefined
      : typeof pos === 'function'
        ? pos(op) !== undefined
        : true
  })
}

/** Where a step may go next: its `next` and every branch target (`>= steps.length` is the end). */
function targets(st: Step): number[] {
  return [st.next, ...Object.values(st.on)]
}

/**
 * Textbook ample sets {t} (Clarke, Grumberg and Peled's C0–C2, with process-based
 * independence; C3 is the explorer's depth proviso). Thread t's next step is explored alone
 * from `s` when it
 * (a) is invisible: writes nothing an outcome predicate reads;
 * (b) is independent (explore/footprint.ts) of every step every other thread may still take,
 *     from its program counter on, blocked or not: so no sequence of other threads' steps can
 *     disable it, be enabled by it, or fail to commute with it;
 * (c) does not finish its thread, does not branch to itself, and is not a progress step;
 * (d) cannot block (no `wait` or `waitAfter` op), and t is enabled.
 * Everything static is precomputed: each step's footprint, whether it passes (a), (c) and (d),
 * and per thread and program counter the union of the footprints of the steps still reachable.
 */
export function ampleThread(
  p: Program,
  rule: ReduceRule = 'ample'
): (s: State, enabled: readonly string[]) => string | undefined {
  if (rule === 'local') {
    const isLocal = localStep(p)
    return (s, enabled) => enabled.find((t) => isLocal(s, t))
  }
  const watched = outcomeReads(p)
  const letters = p.threads.map((th) => th.letter)
  const steps = p.threads.map((th) => th.steps.map(stepFootprint))
  const candidate = p.threads.map((th, ti) =>
    th.steps.map((st, i) => {
      const n = th.steps.length
      if (targets(st).some((to) => to >= n || to === i)) return false
      if (st.spec.progress || mayBlock(st)) return false
      return !(steps[ti] as Footprint[])[i]?.writes.some((w) => watched.some((r) => overlaps(w, r)))
    })
  )
  /** Per thread, per pc (the step count: finished), what the thread may still touch. */
  const reach = p.threads.map((th, ti) => {
    const n = th.steps.length
    const out: Footprint[] = []
    for (let pc = 0; pc <= n; pc++) {
      const seen = new Set<number>()
      const stack = pc < n ? [pc] : []
      for (let i = stack.pop(); i !== undefined; i = stack.pop()) {
        if (seen.has(i)) continue
        seen.add(i)
        for (const to of targets(th.steps[i] as Step)) if (to < n && !seen.has(to)) stack.push(to)
      }
      out.push(unionOf([...seen].map((i) => (steps[ti] as Footprint[])[i] as Footprint)))
    }
    return out
  })
  const width = Math.max(1, ...p.threads.map((th) => th.steps.length + 1))
  const k = letters.length
  /** Memo of (b) for one pair: 0 not yet known, 1 independent, 2 dependent. */
  const memo = new Uint8Array(k * width * k * width)
  const indep = (ti: number, pc: number, ui: number, pcu: number): boolean => {
    const at = ((ti * width + pc) * k + ui) * width + pcu
    let m = memo[at] as number
    if (m === 0) {
      const a = (steps[ti] as Footprint[])[pc] as Footprint
      m = independent(a, (reach[ui] as Footprint[])[pcu] as Footprint) ? 1 : 2
      memo[at] = m
    }
    return m === 1
  }
  return (s, enabled) => {
    for (const t of enabled) {
      const ti = letters.indexOf(t)
      const th = s.threads[t]
      if (!th || th.blocked !== null || !(candidate[ti]?.[th.pc] ?? false)) continue
      let ok = true
      for (let ui = 0; ui < k && ok; ui++) {
        if (ui === ti) continue
        const u = s.threads[letters[ui] as string]
        const n = (reach[ui] as Footprint[]).length - 1
        if (u !== undefined) ok = indep(ti, th.pc, ui, Math.min(u.pc, n))
      }
      if (ok) return t
    }
    return undefined
  }
}
