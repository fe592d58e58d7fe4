import { buildProgram, explore } from '../src/engine'
import { loadScenario } from '../src/cli/scenarioFiles'
for (const t of [['four-threads'], ['four-threads', 'uvm-driver-bailout'], ['three-threads', 'uvm-driver-bailout']]) {
  const p = buildProgram(loadScenario('device-private-fault-livelock'), t)
  explore(p, { maxStates: 20000 })
  let s = 0
  const t0 = performance.now()
  const r = explore(p, { now: () => performance.now(), onSearched: () => { s = performance.now() } })
  const t1 = performance.now()
  console.log(t.join('+'), r.states, 'search', Math.round(s - t0), 'after', Math.round(t1 - s), 'heapMB', Math.round(process.memoryUsage().heapUsed / 1e6))
}
