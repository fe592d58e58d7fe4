import { buildProgram, explore } from '../src/engine'
import { loadScenario } from '../src/cli/scenarioFiles'
const p = buildProgram(loadScenario('device-private-fault-livelock'), ['three-threads', 'uvm-driver-bailout'])
explore(p, { maxStates: 30000, deadLocals: false, symmetry: false })
let s = 0
const t0 = performance.now()
const r = explore(p, { deadLocals: false, symmetry: false, onSearched: () => { s = performance.now() } })
console.log(r.states, 'search', Math.round(s - t0), 'total', Math.round(performance.now() - t0), Math.round(r.states / (s - t0) * 1000), 'states/s search')
