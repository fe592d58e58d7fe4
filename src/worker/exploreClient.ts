import type { ExploreMessage, ExploreRequest } from './protocol'

/**
 * One exploration at a time in a Web Worker. A new request, or cancel(), terminates the running
 * worker: exploration is CPU-bound and cannot be interrupted from inside.
 */
let worker: Worker | null = null

export function startExplore(req: ExploreRequest, onMessage: (m: ExploreMessage) => void): void {
  cancelExplore()
  const w = new Worker(new URL('./explore.worker.ts', import.meta.url), { type: 'module' })
  worker = w
  w.onmessage = (e: MessageEvent<ExploreMessage>) => {
    if (worker !== w) return
    onMessage(e.data)
    if (e.data.type !== 'progress') {
      w.terminate()
      worker = null
    }
  }
  w.onerror = (e) => {
    if (worker !== w) return
    onMessage({ type: 'error', message: e.message || 'the explorer stopped unexpectedly' })
    w.terminate()
    worker = null
  }
  w.postMessage(req)
}

export function cancelExplore(): void {
  worker?.terminate()
  worker = null
}
