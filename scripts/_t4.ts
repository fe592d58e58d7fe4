import { buildProgram, explore } from '../src/engine'
import { loadScenario } from '../src/cli/scenarioFiles'
for (const t of [['three-threads'], ['four-threads'], []]) {
  const p = buildProgram(loadScenario('device-private-fault-livelock'), t)
  for (const symmetry of [false, true]) {
    const r = explore(p, { symmetry, maxStates: 3_000_000 })
    const o = r.outcomes.find((x) => x.id === 'livelock')!
    console.log(t.join('+'), symmetry, r.complete, o.steps, o.cycle?.prefix, '|', o.cycle?.repeat, o.fewestSwitches?.steps, o.fewestSwitches?.switches)
  }
}
