import { explore } from '/work/wt/scale/src/engine'
import { program } from '/work/wt/scale/src/conformance/helpers'
const p = program('device-private-fault-livelock', ['three-threads'])
explore(p, { maxStates: 20000 })
const t0 = performance.now()
const r = explore(p)
console.log(r.states, Math.round(performance.now() - t0))
