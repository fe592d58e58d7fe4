import { describe, expect, it } from 'vitest'

import { countInterleavings } from '../engine/explore/count'
import { GraphBuilder } from '../engine/explore/graph'

/** A chain of `n` forks where each of three threads can go first, then meet: 3^n runs in all. */
function forks(n: number) {
  const g = new GraphBuilder(3)
  // State 4k is fork k, 4k+1..4k+3 its three sides, 4(k+1) the next fork; 4n is the sink.
  for (let k = 0; k < n; k++) {
    g.open(4 * k)
    for (let t = 0; t < 3; t++) g.edge(4 * k + 1 + t, t, false)
    for (let t = 0; t < 3; t++) {
      g.open(4 * k + 1 + t)
      g.edge(4 * k + 4, (t + 1) % 3, false)
    }
  }
  g.open(4 * n)
  const size = 4 * n + 1
  const sink = new Uint8Array(size)
  sink[4 * n] = 1
  const firstSide = new Uint8Array(size)
  firstSide[1] = 1
  return { graph: g.finish(size), hits: [sink, firstSide] }
}

describe('countInterleavings', () => {
  it('counts the runs through a graph, and those that reach each outcome', () => {
    const { graph, hits } = forks(10)
    expect(countInterleavings(graph, hits)).toEqual({ total: 3n ** 10n, byOutcome: [3n ** 10n, 3n ** 9n] })
  })

  it('stays exact past 2^53, where doubles would round', () => {
    const { graph, hits } = forks(40)
    const r = countInterleavings(graph, hits)
    expect(3n ** 40n > 2n ** 53n).toBe(true)
    expect(r).toEqual({ total: 3n ** 40n, byOutcome: [3n ** 40n, 3n ** 39n] })
  })

  it('says unbounded where a cycle lets runs go on for ever, and only for outcomes after it', () => {
    const g = new GraphBuilder(2)
    g.open(0)
    g.edge(1, 0, false)
    g.edge(2, 1, false)
    g.open(1)
    g.edge(1, 0, false) // a thread spinning in place
    g.edge(3, 1, false)
    g.open(2)
    g.open(3)
    const size = 4
    const atTwo = new Uint8Array(size)
    atTwo[2] = 1
    const atThree = new Uint8Array(size)
    atThree[3] = 1
    expect(countInterleavings(g.finish(size), [atTwo, atThree])).toEqual({
      total: 'unbounded',
      byOutcome: [1n, 'unbounded'],
    })
  })
})
