import { fc, test } from '@fast-check/vitest'
import { expect } from 'vitest'

import { Hits } from './hits'

test.prop(
  [fc.integer({ min: 1, max: 33 }), fc.array(fc.tuple(fc.nat(2000), fc.nat(32)), { maxLength: 3000 })],
  { numRuns: 50 }
)('keeps which outcomes hold where, for up to 33 outcomes', (outcomes, raw) => {
  const pairs = [...new Set(raw.filter(([, k]) => k < outcomes).map(([v, k]) => `${String(v)}:${String(k)}`))]
    .map((x) => x.split(':').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const hits = new Hits(outcomes, 4)
  for (const [v, k] of pairs) hits.add(v, k)
  for (let k = 0; k < outcomes; k++) {
    const where = pairs.filter(([, o]) => o === k).map(([v]) => v)
    expect(hits.count(k)).toBe(where.length)
    expect(hits.first(k)).toEqual(where.slice(0, 4))
    expect([...hits.states(k)]).toEqual(where)
    const size = 2001
    const ind = hits.indicator(size, [k])
    expect([...ind].flatMap((x, v) => (x ? [v] : []))).toEqual(where)
  }
  for (const [v, k] of pairs.slice(0, 50)) expect(hits.has(v, k)).toBe(true)
})
