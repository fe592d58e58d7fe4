import type { Expr, Predicate } from '../scenario/schema'
import type { State } from '../model/types'
import type { Program } from '../scenario/program'
import { isLivelock } from '../interp/outcomes'

/** Ops that read and write nothing but the running thread's own locals. */
const LOCAL_OPS = new Set(['set', 'test'])

/**
 * For the partial-order reduction: is thread `t`'s next step in `s` purely local? That is, it
 * only reads and writes `t`'s locals (or nothing: a step kept for the narration), cannot block,
 * does not finish the thread, and writes no local an outcome looks at. Such a step is
 * independent of every other thread's steps (nothing they do can disable it or see it), and
 * invisible to every outcome, so exploring it alone from `s` loses no reachable outcome.
 */
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
