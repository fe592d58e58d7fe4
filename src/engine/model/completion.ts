import type { Draft } from './draft'
import { block, wake } from './locks'
import type { Completion, Letter, Value } from './types'

/**
 * `struct completion`: `complete` hands one count (and a value, e.g. the pages GUP returned) to
 * the first waiter, or banks it; `wait_for_completion` consumes one or sleeps in arrival order.
 */
const EMPTY: Completion = { done: 0, value: null, waiters: [] }

function get(d: Draft, name: string): Completion {
  return d.get('completions', name) ?? EMPTY
}

export function complete(d: Draft, name: string, value: Value): void {
  const c = get(d, name)
  const [first, ...rest] = c.waiters
  if (first === undefined) {
    d.put('completions', name, { done: c.done + 1, value, waiters: [] })
    return
  }
  d.put('completions', name, { done: c.done, value, waiters: rest })
  wake(d, first, `${name} completed`)
}

/** Returns the completion's value, or `undefined` after queueing the caller. */
export function waitFor(d: Draft, t: Letter, name: string): { value: Value } | undefined {
  const c = get(d, name)
  if (d.thread(t).granted) {
    d.patchThread(t, { granted: false })
    return { value: c.value }
  }
  if (c.done > 0) {
    d.put('completions', name, { ...c, done: c.done - 1 })
    return { value: c.value }
  }
  d.put('completions', name, { ...c, waiters: [...c.waiters, t] })
  block(d, t, { kind: 'completion', name }, `sleeping in wait_for_completion(${name})`)
  return undefined
}
