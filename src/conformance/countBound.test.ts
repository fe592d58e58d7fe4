import { describe, expect, it } from 'vitest'

import { countInterleavings } from '../engine/explore/count'
import { GraphBuilder } from '../engine/explore/graph'

/** A chain of `n` diamonds (two ways through each): 2^n runs from state 0 to the sink. */
function diamonds(n: number) {
  const g = new GraphBuilder(2)
  for (let k = 0; k < n; k++) {
    g.open(3 * k)
    g.edge(3 * k + 1, 0, false)
    g.edge(3 * k + 2, 1, false)
    g.open(3 * k + 1)
    g.edge(3 * k + 3, 1, false)
    g.open(3 * k + 2)
    g.edge(3 * k + 3, 0, false)
  }
  g.open(3 * n)
  const size = 3 * n + 1
  const sink = new Uint8Array(size)
  sink[3 * n] = 1
  const nowhere = new Uint8Array(size)
  return { graph: g.finish(size), hits: [sink, nowhere] }
}

describe('counting keeps its memory bounded (issue 11)', () => {
  it('counts exactly in big integers within the bound', () => {
    const { graph, hits } = diamonds(300)
    expect(countInterleavings(graph, hits)).toEqual({ total: 2n ** 300n, byOutcome: [2n ** 300n, 0n] })
  })

  it('says too many to count when a count would pass the bit bound, instead of growing without end', () => {
    const { graph, hits } = diamonds(600)
    // 2^600 needs more than the default 512 bits; an outcome that holds nowhere is still exactly 0.
    expect(countInterleavings(graph, hits)).toEqual({ total: 'too-many', byOutcome: ['too-many', 0n] })
    expect(countInterleavings(graph, hits, { cells: 10_000, bits: 1024 }).total).toBe(2n ** 600n)
  })

  it('does not start the exact pass on more cells than the bound (states × counted outcomes)', () => {
    const { graph, hits } = diamonds(100)
    // 2^100 is past doubles' exact range, so big integers would be needed: 301 states × 2 cells.
    expect(countInterleavings(graph, hits, { cells: 601, bits: 512 }).total).toBe('too-many')
    expect(countInterleavings(graph, hits, { cells: 602, bits: 512 }).total).toBe(2n ** 100n)
    // Below 2^53 the double pass answers, whatever the cell bound.
    expect(countInterleavings(diamonds(40).graph, diamonds(40).hits, { cells: 1, bits: 1 }).total).toBe(
      2n ** 40n
    )
  })
})
