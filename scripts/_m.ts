import { buildProgram, explore } from '../src/engine'
import { loadScenario } from '../src/cli/scenarioFiles'
const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers }
for (const [t, o] of [[['three-threads', 'uvm-driver-bailout'], { deadLocals: false, symmetry: false }], [['four-threads'], {}], [['four-threads'], { symmetry: false, maxStates: 1_500_000 }]] as const) {
  const p = buildProgram(loadScenario('device-private-fault-livelock'), [...t])
  globalThis.gc?.()
  const h0 = used(); let peak = h0; let heapPeak = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const r = explore(p, { ...o, progressEvery: 2000, onProgress: () => { peak = Math.max(peak, used()); heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed) } })
  peak = Math.max(peak, used())
  console.log(t.join('+'), JSON.stringify(o), r.states, r.complete, Math.round(performance.now() - t0), 'ms', Math.round((peak - h0) / r.states), 'B/state (heap+buffers)', Math.round((peak - h0) / 1e6), 'MB')
}
