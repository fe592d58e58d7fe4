import { describe, expect, it } from 'vitest'

import { explore, parseSchedule, replay } from '../engine'
import { contextSwitches } from '../engine/explore/switches'
import { MATRIX } from './matrix'
import { program } from './helpers'

describe('the fewest-switch counterexample', () => {
  it('counts switches as changes of the running thread', () => {
    expect(contextSwitches(parseSchedule('B3A14B5A16C3D2'))).toBe(5)
    expect(contextSwitches([])).toBe(0)
    expect(contextSwitches(['A'])).toBe(0)
  })

  it('is given for every reachable bad outcome of every set, never switches more than the shortest, and replays into it', () => {
    let seen = 0
    for (const [id, toggles] of MATRIX) {
      const p = program(id, toggles)
      const r = explore(p)
      for (const o of r.outcomes) {
        if (o.severity !== 'bad' || o.reachable !== true) continue
        seen++
        const f = o.fewestSwitches
        if (!f || o.shortest === null)
          throw new Error(`${id} [${toggles.join(',')}] ${o.id}: no fewestSwitches`)
        const letters = parseSchedule(f.schedule)
        expect(f.steps).toBe(letters.length)
        expect(f.switches).toBe(contextSwitches(letters))
        expect(f.switches).toBeLessThanOrEqual(o.shortestSwitches ?? Infinity)
        expect(o.shortestSwitches).toBe(contextSwitches(parseSchedule(o.shortest)))
        const run = replay(p, f.schedule)
        expect(run.error, `${id} ${o.id}`).toBeNull()
        expect(run.outcomes, `${id} [${toggles.join(',')}] ${o.id} via ${f.schedule}`).toContain(o.id)
      }
    }
    expect(seen).toBeGreaterThan(20)
  })

  it('draws the GUP race with fewer switches than its shortest schedule', () => {
    const r = explore(program('gup-fast-vs-thp-collapse'))
    const stale = r.outcomes.find((o) => o.id === 'stale-gup-page')
    expect(stale?.fewestSwitches?.switches).toBeLessThan(stale?.shortestSwitches ?? 0)
  })
})
