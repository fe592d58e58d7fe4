import { formatEntry, formatPage, parsePage } from '../model/format'
import { own } from '../model/own'
import { walk, type StateReader } from '../model/pagetable'
import type { State, Value } from '../model/types'
import type { Program } from '../scenario/program'
import type { Expr, OutcomeSpec, Predicate } from '../scenario/schema'
import { enabledThreads, isDone } from './step'

/**
 * Outcomes are predicates the engine evaluates on states (and on run facts kept in the state as
 * marks). `when: end` outcomes are judged only where no thread can move; `when: any` at every
 * state. A terminal state with an unfinished thread is the built-in `deadlock` outcome.
 */
export interface DeadlockOutcome {
  readonly id: 'deadlock'
  readonly severity: 'bad'
  readonly title: string
  readonly explain: string
  readonly kind: 'deadlock'
}

export type Outcome = OutcomeSpec | DeadlockOutcome

/** Built in: judged by the engine on every scenario, not written as a predicate. */
export const DEADLOCK: DeadlockOutcome = {
  id: 'deadlock',
  severity: 'bad',
  title: 'Deadlock',
  explain:
    'No thread can move, yet some have not finished: each waits for something only a blocked thread can give.',
  kind: 'deadlock',
}

/** A livelock question is answered over cycles of the state graph, not by a state predicate. */
export function isLivelock(o: Outcome): o is Extract<OutcomeSpec, { kind: 'livelock' }> {
  return 'kind' in o && o.kind === 'livelock'
}

/** Which (thread, step) pairs are progress steps (CONVENTIONS.md: livelock), looked up once. */
export function progressSteps(p: Program): (t: string, stepId: string) => boolean {
  const set = new Set<string>()
  for (const th of p.threads)
    for (const st of th.steps) if (st.spec.progress) set.add(`${th.letter}|${st.spec.id}`)
  return (t, stepId) => set.has(`${t}|${stepId}`)
}

/** Per program, since explorers ask for every state. */
const outcomeLists = new WeakMap<Program, readonly Outcome[]>()

/**
 * Weak fairness along a stretch of a run that comes back to where it started (CONVENTIONS.md:
 * livelock): every thread enabled in all the stretch's states took a step in it. `enabled[i]`
 * lists the threads enabled in the stretch's i-th state; `stepped`, the threads that ran.
 */
export function isFairStretch(
  p: Program,
  enabled: readonly (readonly string[])[],
  stepped: readonly string[]
): boolean {
  return p.threads.every(
    ({ letter }) => stepped.includes(letter) || !enabled.every((en) => en.includes(letter))
  )
}

export function allOutcomes(p: Program): readonly Outcome[] {
  let list = outcomeLists.get(p)
  if (!list) {
    const own = p.scenario.outcomes
    list = own.some((o) => o.id === DEADLOCK.id) ? own : [...own, DEADLOCK]
    outcomeLists.set(p, list)
  }
  return list
}

/** The outcomes judged state by state: all but livelock, in `allOutcomes` order. */
export function stateOutcomes(p: Program): readonly Outcome[] {
  return allOutcomes(p).filter((o) => !isLivelock(o))
}

type Scalar = string | number | boolean | null

function scalar(v: Value | undefined): Scalar {
  if (v === undefined) return null
  if (typeof v === 'object' && v !== null) return Array.isArray(v) ? v.join(',') : formatEntry(v as never)
  return v
}

function address(p: Program, a: string | number): number {
  return typeof a === 'number' ? a : (own(p.addresses, a) ?? Number(a))
}

/** `B.page` → thread and local name; split once, since explorers ask at every state. */
const localRefs = new Map<string, readonly [string, string]>()

function localRef(ref: string): readonly [string, string] {
  let r = localRefs.get(ref)
  if (!r) {
    const [t = '', name = ''] = ref.split('.')
    r = [t, name]
    localRefs.set(ref, r)
  }
  return r
}

export function evalExpr(p: Program, s: State, e: Expr): Scalar {
  if (e === null || typeof e !== 'object') return e
  if ('local' in e) {
    const [t, name] = localRef(e.local)
    const th = own(s.threads, t)
    return scalar(th ? own(th.locals, name) : undefined)
  }
  if ('var' in e) return scalar(own(s.vars, e.var))
  if ('cache' in e) return own(s.pageCache, e.cache) ?? 'none'
  if ('tableStatus' in e) return own(s.tables, e.tableStatus)?.status ?? 'none'
  if ('tablePte' in e) {
    const [id, a] = e.tablePte
    const idx = Math.floor(address(p, a) / p.world.pageSize) % p.world.ptesPerTable
    const table = own(s.tables, id)
    return (table && own(table.ptes, String(idx)))?.k ?? 'none'
  }
  if ('folio' in e) {
    const f = own(s.folios, e.folio)
    return f ? f[e.field] : null
  }
  // A read-only view of the state for the walk: no draft, nothing copied.
  const d: StateReader = { world: p.world, get: (map, id) => own(s[map] as Record<string, never>, id) }
  if ('walk' in e) {
    const { page } = walk(d, 'mm', address(p, e.walk))
    return page ? formatPage(page) : 'none'
  }
  if ('pte' in e) return formatEntry(walk(d, 'mm', address(p, e.pte)).leaf)
  if ('pteKind' in e) return walk(d, 'mm', address(p, e.pteKind)).leaf.k
  const pageText = 'content' in e ? evalExpr(p, s, { walk: e.content }) : evalExpr(p, s, e.pageContent)
  if (typeof pageText !== 'string' || pageText === 'none') return null
  const page = parsePage(pageText)
  return own(s.folios, page.folio)?.content[page.sub] ?? null
}

export function evalPredicate(p: Program, s: State, pr: Predicate): boolean {
  if ('mark' in pr) return own(s.marks, pr.mark) === true
  if ('finished' in pr) return isDone(p, s, pr.finished)
  if ('eq' in pr) return evalExpr(p, s, pr.eq[0]) === evalExpr(p, s, pr.eq[1])
  if ('ne' in pr) return evalExpr(p, s, pr.ne[0]) !== evalExpr(p, s, pr.ne[1])
  if ('all' in pr) return pr.all.every((x) => evalPredicate(p, s, x))
  if ('any' in pr) return pr.any.some((x) => evalPredicate(p, s, x))
  return !evalPredicate(p, s, pr.not)
}

export function isTerminal(p: Program, s: State): boolean {
  return enabledThreads(p, s).length === 0
}

/** Some thread has not finished: at a terminal state, that is the built-in deadlock. */
function unfinished(p: Program, s: State): boolean {
  return p.threads.some((t) => !isDone(p, s, t.letter))
}

/**
 * The ids of the state-predicate outcomes that hold in `s`. `enabled` is `enabledThreads(p, s)`,
 * for callers that need it anyway (the explorer and the walks, at every state).
 */
export function outcomesAt(
  p: Program,
  s: State,
  enabled: readonly string[] = enabledThreads(p, s)
): string[] {
  const terminal = enabled.length === 0
  const hits: string[] = []
  for (const o of allOutcomes(p)) {
    if (o === DEADLOCK) {
      if (terminal && unfinished(p, s)) hits.push(o.id)
      continue
    }
    // Livelock (and deadlock, handled above) are not state predicates.
    if ('kind' in o) continue
    if (o.when === 'end' && !terminal) continue
    if (evalPredicate(p, s, o.predicate)) hits.push(o.id)
  }
  return hits
}
