import type { ExploreMessage, ExploreRequest } from './protocol'

/**
 * One exploration at a time in a Web Worker. A new request, or cancel(), terminates the running
 * worker: exploration is CPU-bound and cannot be interrupted from inside.
 *
 * A check should answer at once, and a fresh worker is slow twice over: it has to load, and the
 * engine's hot paths run unoptimised until the JIT has seen them. So an idle worker is kept
 * ready: prepared with a small warm-up exploration of the scenario on screen, and kept (warm)
 * after each finished check for the next one, such as the re-check after toggling a fix.
 */
let worker: Worker | null = null
let idle: Worker | null = null

/**
 * The warm-up run: enough states for the JIT to optimise the engine's hot paths, and never more
 * than a moment's work, since a check asked for meanwhile waits for it to end.
 */
const WARMUP_STATES = 10_000
const WARMUP_MS = 150

function spawn(): Worker {
  return new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' })
}

/** Have a warm worker ready for checks of this scenario (the Explore panel calls this). */
export function prepareExplore(req: Omit<ExploreRequest, 'maxStates' | 'warmup'>): void {
  if (idle) return
  idle = spawn()
  idle.postMessage({
    ...req,
    maxStates: WARMUP_STATES,
    warmup: true,
    maxMillis: WARMUP_MS,
  } satisfies ExploreRequest)
}

export function startExplore(req: ExploreRequest, onMessage: (m: ExploreMessage) => void): void {
  cancelExplore()
  const w = idle ?? spawn()
  idle = null
  worker = w
  const finish = (keep: boolean) => {
    worker = null
    w.onmessage = null
    w.onerror = null
    if (keep && !idle) idle = w
    else w.terminate()
  }
  w.onmessage = (e: MessageEvent<ExploreMessage>) => {
    if (worker !== w) return
    onMessage(e.data)
    if (e.data.type === 'done') finish(true)
    else if (e.data.type === 'error') finish(false)
  }
  w.onerror = (e) => {
    if (worker !== w) return
    onMessage({ type: 'error', message: e.message || 'the explorer stopped unexpectedly' })
    finish(false)
  }
  w.postMessage(req)
}

/** Stop the running check, if any; the next check gets a new worker, prepared again. */
export function cancelExplore(): void {
  if (!worker) return
  worker.terminate()
  worker = null
}
