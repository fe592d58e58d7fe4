import { buildProgram, explore } from '../engine'
import type { ExploreMessage, ExploreRequest } from './protocol'

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
    const result = explore(buildProgram(scenario, toggles), {
      maxStates,
      now: () => performance.now(),
      progressEvery: 1000,
      onSearched: ({ states, complete }) => {
        post({ type: 'searched', states, complete, elapsed: performance.now() - t0 })
      },
      onReach: ({ outcome, schedule, steps }) => {
        post({ type: 'reach', outcome, schedule, steps, elapsed: performance.now() - t0 })
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
