import { buildProgram, explore } from '../src/engine'
import { loadScenario } from '../src/cli/scenarioFiles'
const p = buildProgram(loadScenario('device-private-fault-livelock'), ['four-threads'])
const t0 = performance.now()
const r = explore(p, {})
console.log(r.states, Math.round(performance.now() - t0))
