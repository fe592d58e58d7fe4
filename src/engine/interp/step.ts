import { Draft } from '../model/draft'
import type { Effect } from '../model/effect'
import { ModelError } from '../model/errors'
import { describeHolders } from '../model/locks'
import { own } from '../model/own'
import type { Letter, State, ThreadState, Value } from '../model/types'
import { OpCtx } from '../ops/context'
import { QUEUED } from '../ops/op'
import { OPS } from '../ops/registry'
import type { Program, ThreadProgram } from '../scenario/program'

/** What one executed step did, for the narration, the timeline and "what changed". */
export interface StepRecord {
  readonly thread: Letter
  readonly stepId: string
  /** `run`: the step took effect; `wait`: its first op found the resource taken and queued. */
  readonly kind: 'run' | 'wait'
  readonly result: string
  /** Where the thread goes next: a step id, or `end`. */
  readonly next: string
  readonly effects: readonly Effect[]
  /** Why the thread cannot run after this step, if it cannot. */
  readonly blockedAfter: string | null
}

/** A step that cannot run: names the thread, the step and why (CONVENTIONS: replay errors). */
export class StepError extends Error {
  constructor(
    readonly thread: Letter,
    message: string
  ) {
    super(message)
    this.name = 'StepError'
  }
}

export function threadProgram(p: Program, t: Letter) {
  const prog = p.threads.find((x) => x.letter === t)
  if (!prog) throw new StepError(t, `there is no thread ${t}`)
  return prog
}

export function isDone(p: Program, s: State, t: Letter): boolean {
  const th = s.threads[t]
  return th !== undefined && th.blocked === null && th.pc >= threadProgram(p, t).steps.length
}

/** A thread can take a step when it is not waiting and has steps left. */
export function canRun(th: ThreadState | undefined, prog: ThreadProgram): boolean {
  return th !== undefined && th.blocked === null && th.pc < prog.steps.length
}

export function isEnabled(p: Program, s: State, t: Letter): boolean {
  return canRun(s.threads[t], threadProgram(p, t))
}

export function enabledThreads(p: Program, s: State): Letter[] {
  const out: Letter[] = []
  for (const x of p.threads) {
    if (canRun(s.threads[x.letter], x)) out.push(x.letter)
  }
  return out
}

/** Why `t` cannot take a step, in the words of CONVENTIONS (`B is spinning on pmd_ptl, held by A`). */
export function whyNotRunnable(p: Program, s: State, t: Letter): string | null {
  const th = s.threads[t]
  if (!th) return `there is no thread ${t}`
  const b = th.blocked
  if (b) {
    switch (b.kind) {
      case 'lock': {
        const held = describeHolders(own(s.locks, b.lock) ?? { holders: [], waiters: [] })
        return `${t} is ${b.spin ? 'spinning' : 'sleeping'} on ${b.lock}, held by ${held}`
      }
      case 'unlock-wait':
        return `${t} is waiting for ${b.lock} to be released, held by ${describeHolders(own(s.locks, b.lock) ?? { holders: [], waiters: [] })}`
      case 'ipi':
        return `${t} is waiting for ${b.waitFor.join(', ')} to take its IPI (IRQs disabled there)`
      case 'rcu-gp':
        return `${t} is waiting for an RCU grace period (readers: ${b.waitFor.join(', ')})`
      case 'completion':
        return `${t} is sleeping in wait_for_completion(${b.name})`
    }
  }
  if (th.pc >= threadProgram(p, t).steps.length) return `${t} has finished`
  return null
}

/** The explorer's dead-variable reduction (explore/liveness.ts): drop locals no one reads again. */
function clearDead(d: Draft, t: Letter, keep: ReadonlySet<string> | null | undefined): void {
  if (!keep) return
  const locals = d.thread(t).locals
  const names = Object.keys(locals)
  if (names.every((k) => keep.has(k))) return
  const kept: Record<string, Value> = {}
  for (const k of names) if (keep.has(k)) kept[k] = locals[k] as Value
  d.patch('threads', t, { locals: kept }, false)
}

/** Execute the current step of thread `t`. Deterministic: same program, state and thread, same result. */
export function runStep(
  p: Program,
  s: State,
  t: Letter,
  record = true,
  /** Where to log the cells of `s` the step reads (see `Draft`), for the explorer's cache. */
  reads: unknown[] | null = null
): { state: State; record: StepRecord; touched: readonly string[] } {
  const prog = threadProgram(p, t)
  const th = s.threads[t]
  const step = th && th.blocked === null ? prog.steps[th.pc] : undefined
  if (!th || !step) throw new StepError(t, whyNotRunnable(p, s, t) ?? `${t} has finished`)
  const d = new Draft(s, p.world, record, reads)
  const ctx = new OpCtx(d, t, prog.mm, p.addresses)
  let result = 'ok'
  let target: number | undefined
  let queued = false
  try {
    for (const op of step.ops) {
      const def = OPS[op.op]
      if (!def) throw new ModelError(`unknown op '${op.op}'`)
      const r = def.run(ctx, op)
      if (r === QUEUED) {
        queued = true
        break
      }
      result = r
      target = own(step.on, r)
      if (target !== undefined) break
    }
  } catch (e) {
    if (e instanceof ModelError) throw new StepError(t, `step ${step.spec.id} (${t}): ${e.message}`)
    throw e
  }
  const next = queued ? th.pc : (target ?? step.next)
  // The program counter is bookkeeping, not kernel state: it is not logged as a change.
  if (!queued) {
    d.patch('threads', t, { pc: next }, false)
    if (p.liveness) clearDead(d, t, p.liveness.live.get(t)?.[Math.min(next, prog.steps.length)])
  }
  const state = d.state
  // Exploration reads only the state and the record's kind; the words are for people.
  const blockedAfter = record && state.threads[t]?.blocked ? whyNotRunnable(p, state, t) : null
  return {
    state,
    touched: d.touched,
    record: {
      thread: t,
      stepId: step.spec.id,
      kind: queued ? 'wait' : 'run',
      result: queued ? 'queued' : result,
      next: next >= prog.steps.length ? 'end' : (prog.steps[next]?.spec.id ?? 'end'),
      effects: d.effects,
      blockedAfter,
    },
  }
}
