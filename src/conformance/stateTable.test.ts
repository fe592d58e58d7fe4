import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import { runStep, stateKey, type Program, type State } from '../engine'
import { StateTable } from '../engine/explore/stateTable'
import { program, walkTable } from './helpers'

/** One program per seed race, with a toggle that changes its shape where it has one. */
const programs: Program[] = [
  program('gup-fast-vs-thp-collapse'),
  program('migration-vs-shmem-fault', ['pte-invalid-not-none']),
  program('exec-stack-vs-migration'),
  program('device-private-fault-livelock', ['three-threads']),
  program('retract-pt-vs-uffd-copy', ['iommu', 'uffd-wp-writer']),
]

describe('StateTable', () => {
  test.prop(
    [
      fc.nat(programs.length - 1),
      fc.array(fc.array(fc.nat(5), { maxLength: 60 }), { minLength: 1, maxLength: 6 }),
    ],
    {
      numRuns: 60,
    }
  )('gives two states the same id exactly when their canonical texts are equal', (which, walks) => {
    const p = programs[which] as Program
    // Odd runs keep only 2 hash bits, so nearly every look-up collides and the comparisons decide.
    const table = new StateTable(walks.length % 2 === 0 ? 32 : 2)
    const idOfKey = new Map<string, number>()
    const check = (key: string, id: number) => {
      const known = idOfKey.get(key)
      if (known === undefined) {
        expect([...idOfKey.values()], 'a different state was merged').not.toContain(id)
        idOfKey.set(key, id)
      } else expect(id, 'an equal state got a new id').toBe(known)
    }
    check(stateKey(p.initial), table.internRoot(p.initial))
    walkTable(p, table, walks, (at, s, t) => {
      const { state: next, touched } = runStep(p, s, t, false)
      const key = stateKey(next)
      const to = table.internChild(at, next, touched)
      // Hash-consing swaps parts for equal ones: the stored state means the same thing.
      expect(stateKey(table.state(to))).toBe(key)
      check(key, to)
      return to
    })
  })

  it('treats records built in a different key order as equal, and a nested change as a new state', () => {
    const p = programs[0] as Program
    const table = new StateTable()
    const root = table.internRoot(p.initial)
    const s = table.state(root)
    const [t, th] = Object.entries(s.threads)[0] ?? []
    if (!t || !th) throw new Error('no thread')
    const reordered: State = {
      ...s,
      threads: { ...s.threads, [t]: { ...th, locals: { ...th.locals, zz: 1, aa: 2 } } },
    }
    const sameContent: State = {
      ...s,
      threads: { ...s.threads, [t]: { ...th, locals: { aa: 2, ...th.locals, zz: 1 } } },
    }
    const changed: State = {
      ...s,
      threads: { ...s.threads, [t]: { ...th, locals: { ...th.locals, zz: 1, aa: 3 } } },
    }
    const wrote = ['threads', t]
    const a = table.internChild(root, reordered, wrote)
    expect(a).toBe(1)
    expect(table.internChild(root, sameContent, wrote)).toBe(a)
    expect(table.internChild(root, changed, wrote)).toBe(2)
    expect(table.internChild(a, { ...s }, wrote)).toBe(root)
  })
})
