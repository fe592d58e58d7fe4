import { buildProgram, explore, hunt, isLivelock, type HuntOptions } from '../engine'
import type { ExploreMessage, ExploreRequest } from './protocol'

/** Steps of quick walks before the exhaustive search: about 5–20 ms. */
const QUICK_STEPS = 5000
/** A livelock question whose search passes this many states gets `LIVELOCK_STEPS` more. */
const LARGE_STATES = 10_000
const LIVELOCK_STEPS = 20_000

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
    let walkMs = 0
    const walk = (opts: HuntOptions): boolean => {
      const w0 = performance.now()
      const h = hunt(program, opts)
      walkMs += performance.now() - w0
      if (h)
        post({
          type: 'reach',
          outcome: h.outcome,
          schedule: h.schedule,
          steps: h.steps,
          shortest: false,
          elapsed: performance.now() - t0,
        })
      return h !== null
    }
    // A few milliseconds of walks first: a race that breaks often (or a livelock a walk falls
    // into) is reported long before the breadth-first search gets deep enough to meet it.
    const found = walk({ maxSteps: QUICK_STEPS })
    // Only the whole graph answers a livelock question, so a large one gets a longer look, for
    // cycles too, once the search has shown it is large.
    let longer = !found && program.scenario.outcomes.some(isLivelock)
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
        if (longer && states >= LARGE_STATES) {
          longer = false
          walk({ maxSteps: LIVELOCK_STEPS, seed: 7 })
        }
        const now = performance.now()
        if (now - last < 100) return
        last = now
        post({ type: 'progress', states, transitions, elapsed: now - t0, walkMs })
      },
    })
    post({ type: 'done', result, elapsed: performance.now() - t0, walkMs })
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) })
  }
}
