import { useEffect, useState, type RefObject } from 'react'

import type { Block, RacePair } from './data'

interface Geometry {
  /** Each block's bottom centre, by schedule position. */
  readonly at: readonly ({ readonly x: number; readonly y: number } | null)[]
  readonly bottom: number
}

/**
 * The dashed connectors joining each pair of racing steps, drawn over the grid below the lanes.
 * The blocks' places are measured only when the grid is laid out anew (another schedule, zoom,
 * lecture mode or size), never on a step: a pair that appears is drawn from what was measured.
 */
export function RaceLinks({
  grid,
  blocks,
  races,
  zoom,
}: {
  grid: RefObject<HTMLDivElement | null>
  blocks: readonly Block[]
  races: readonly RacePair[]
  zoom: string
}) {
  const [geo, setGeo] = useState<Geometry | null>(null)
  useEffect(() => {
    const g = grid.current
    if (!g) return
    // A ResizeObserver calls back once when it starts, after layout, and on every resize.
    const ro = new ResizeObserver(() => {
      const els = g.querySelectorAll<HTMLElement>('.block[data-i]')
      const at: ({ x: number; y: number } | null)[] = blocks.map(() => null)
      for (const el of els)
        at[Number(el.dataset.i)] = {
          x: el.offsetLeft + el.offsetWidth / 2,
          y: el.offsetTop + el.offsetHeight,
        }
      setGeo({ at, bottom: g.offsetHeight - 6 })
    })
    ro.observe(g)
    return () => {
      ro.disconnect()
    }
  }, [grid, blocks, zoom])
  if (!geo || races.length === 0) return null
  const n = (v: number) => String(Math.round(v))
  return (
    <svg className="race-links" aria-hidden="true">
      {races.map((r) => {
        const a = geo.at[r.a]
        const b = geo.at[r.b]
        if (!a || !b) return null
        return (
          <g key={r.key} className="race-link">
            <path
              d={`M${n(a.x)},${n(a.y)} C${n(a.x)},${n(geo.bottom)} ${n(b.x)},${n(geo.bottom)} ${n(b.x)},${n(b.y)}`}
            />
            <title>{r.text}</title>
          </g>
        )
      })}
    </svg>
  )
}
