import { fc, test } from '@fast-check/vitest'
import { expect } from 'vitest'

import { PairMemo } from './pairMemo'

test.prop(
  [
    fc.uniqueArray(
      fc.record({
        j: fc.nat(7),
        self: fc.nat(1 << 27),
        world: fc.nat(1 << 30),
        answer: fc.array(fc.integer(), { minLength: 4, maxLength: 4 }),
      }),
      {
        minLength: 4000,
        maxLength: 8000,
        selector: (e) => `${String(e.j)}/${String(e.self)}/${String(e.world)}`,
      }
    ),
  ],
  // No shrinking: a counterexample of thousands of entries would take minutes to shrink.
  { numRuns: 5, endOnFailure: true }
)('finds every answer it was given, through its growth, and nothing it was not', (entries) => {
  const memo = new PairMemo()
  for (const e of entries) {
    expect(memo.find(e.j, e.self, e.world)).toBe(-1)
    const [newSelf, newWorld, step, delta] = e.answer as [number, number, number, number]
    memo.add(e.j, e.self, e.world, newSelf, newWorld, step, delta)
  }
  for (const e of entries) {
    const at = memo.find(e.j, e.self, e.world)
    expect(at).toBeGreaterThanOrEqual(0)
    expect([memo.newSelf(at), memo.newWorld(at), memo.step(at), memo.delta(at)]).toEqual(
      e.answer.map((x) => x | 0)
    )
  }
  // Another thread with the same cell and world is another step.
  const e = entries[0] as (typeof entries)[number]
  if (!entries.some((x) => x.j === (e.j + 1) % 8 && x.self === e.self && x.world === e.world))
    expect(memo.find((e.j + 1) % 8, e.self, e.world)).toBe(-1)
})
