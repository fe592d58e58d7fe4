import { buildProgram, explore, hunt } from '../engine'
import type { ExploreMessage, ExploreRequest } from './protocol'

/** Steps of quick walks before the exhaustive search: about 10–25 ms. */
const QUICK_STEPS = 5000

const post = (m: ExploreMessage) => {
  self.postMessage(m)
}

self.onmessage = (e: MessageEvent<ExploreRequest>) => {
  const { scenario, toggles, maxStates, warmup, maxMillis } = e.data
  if (warmup) {
    try {
      explore(buildProgram(scenario, toggles), { maxStates, maxMillis, now: () => performance.now() })
    } catch {
      // A scenario that cannot be explored says so when it is checked for real.
    }
    return
  }
  const t0 = performance.now()
  let last = t0
  try {
    const program = buildProgram(scenario, toggles)
    // A few milliseconds of walks first: a race that breaks often is reported long before the
    // breadth-first search gets deep enough to meet it.
    const quick = hunt(program, { maxSteps: QUICK_STEPS })
    if (quick)
      post({
        type: 'reach',
        outcome: quick.outcome,
        schedule: quick.schedule,
        steps: quick.steps,
        shortest: false,
        elapsed: performance.now() - t0,
      })
    const result = explore(program, {
      maxStates,
      now: () => performance.now(),
      progressEvery: 1000,
      onSearched: ({ states, complete }) => {
        post({ type: 'searched', states, complete, elapsed: performance.now() - t0 })
      },
      onReach: ({ outcome, schedule, steps }) => {
        post({ type: 'reach', outcome, schedule, steps, shortest: true, elapsed: performance.now() - t0 })
      },
      onProgress: ({ states, transitions }) => {
        const now = performance.now()
        if (now - last < 100) return
        last = now
        post({ type: 'progress', states, transitions, elapsed: now - t0 })
      },
    })
    post({ type: 'done', result, elapsed: performance.now() - t0 })
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  }
}
