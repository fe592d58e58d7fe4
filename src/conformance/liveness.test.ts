import { describe, expect, it } from 'vitest'

import { buildProgram, validateScenario } from '../engine'
import { step, synthetic } from './helpers'
import { liveness } from '../engine/explore/liveness'

/** A's program: save x, read it twice in a loop, then work that never reads it again. */
function prog(outcomeReadsX: boolean) {
  const sc = synthetic({
    threads: [
      {
        letter: 'A',
        name: 'A',
        steps: [
          step('A0', [{ op: 'pageCacheLookup', file: 'f', index: 0, save: 'x' }]),
          step('A1', [{ op: 'set', local: 'y', value: '$x' }]),
          step('A2', [{ op: 'test', local: 'y', is: 'none' }], { on: { no: 'A0' } }),
          step('A3', [{ op: 'set', local: 'z', value: 1 }]),
          step('A4', [{ op: 'lock', lock: 'L1' }]),
          step('A5', [{ op: 'unlock', lock: 'L1' }]),
        ],
      },
    ],
    outcomes: [
      {
        id: 'o',
        severity: 'ok',
        title: 'o',
        explain: 'x',
        predicate: outcomeReadsX ? { eq: [{ local: 'A.x' }, 'P'] } : { mark: 'm' },
      },
    ],
  })
  return buildProgram(validateScenario(sc, 's.json'))
}

const at = (p: ReturnType<typeof prog>, pc: number) => [...(liveness(p).live.get('A')?.[pc] ?? [])].sort()

describe('liveness of locals', () => {
  it('keeps a local from its write to its last read, and through a loop back to its writer', () => {
    const p = prog(false)
    expect(at(p, 0)).toEqual([]) // A0 overwrites x before anyone reads it
    expect(at(p, 1)).toEqual(['x'])
    expect(at(p, 2)).toEqual(['y']) // the loop goes back to A0, which overwrites x
    expect(at(p, 3)).toEqual([]) // z is written and never read
    expect(at(p, 6)).toEqual([]) // finished
  })

  it('keeps what an outcome reads alive everywhere', () => {
    const p = prog(true)
    for (let pc = 0; pc <= 6; pc++) expect(at(p, pc)).toContain('x')
  })
})
