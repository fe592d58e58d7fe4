import { buildProgram, explore } from '../src/engine'
import { loadScenario } from '../src/cli/scenarioFiles'
const used = () => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers }
for (const [t, o] of [[['three-threads', 'uvm-driver-bailout'], { deadLocals: false, symmetry: false }], [['four-threads'], {}]] as const) {
  const p = buildProgram(loadScenario('device-private-fault-livelock'), [...t])
  globalThis.gc?.()
  const h0 = used(); let peak = h0; let atSearch = 0
  const r = explore(p, { ...o, progressEvery: 2000, onProgress: () => { peak = Math.max(peak, used()) }, onSearched: () => { globalThis.gc?.(); atSearch = used() - h0 } })
  peak = Math.max(peak, used())
  console.log(t.join('+'), r.states, 'search-live B/state', Math.round(atSearch / r.states), 'peak', Math.round((peak - h0) / r.states))
}
