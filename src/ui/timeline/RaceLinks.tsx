import { useEffect, useState, type RefObject } from 'react'

import type { RacePair } from './data'

interface Path {
  readonly key: string
  readonly d: string
  readonly text: string
}

/**
 * The dashed connectors joining each pair of racing steps, drawn over the grid below the lanes.
 * Their ends are measured from the blocks after layout: only when a pair appears, the zoom
 * changes or the timeline is resized, never on an ordinary step.
 */
export function RaceLinks({
  grid,
  races,
  zoom,
  lanes,
}: {
  grid: RefObject<HTMLDivElement | null>
  races: readonly RacePair[]
  zoom: string
  lanes: number
}) {
  const [paths, setPaths] = useState<readonly Path[]>([])
  useEffect(() => {
    const g = grid.current
    if (!g) return
    const measure = () => {
      const bottom = g.offsetHeight - 6
      const mid = (i: number) => {
        const el = g.querySelector<HTMLElement>(`[data-i="${String(i)}"]`)
        return el ? { x: el.offsetLeft + el.offsetWidth / 2, y: el.offsetTop + el.offsetHeight } : null
      }
      setPaths(
        races.flatMap((r) => {
          const a = mid(r.a)
          const b = mid(r.b)
          if (!a || !b) return []
          const n = (v: number) => String(Math.round(v))
          return [
            {
              key: r.key,
              text: r.text,
              d: `M${n(a.x)},${n(a.y)} C${n(a.x)},${n(bottom)} ${n(b.x)},${n(bottom)} ${n(b.x)},${n(b.y)}`,
            },
          ]
        })
      )
    }
    // Measured after this layout (and again whenever the grid is resized).
    const frame = requestAnimationFrame(measure)
    const ro = new ResizeObserver(measure)
    ro.observe(g)
    return () => {
      cancelAnimationFrame(frame)
      ro.disconnect()
    }
  }, [grid, races, zoom, lanes])
  const live = new Set(races.map((r) => r.key))
  const shown = paths.filter((p) => live.has(p.key))
  if (shown.length === 0) return null
  return (
    <svg className="race-links" aria-hidden="true">
      {shown.map((p) => (
        <g key={p.key} className="race-link">
          <path d={p.d} />
          <title>{p.text}</title>
        </g>
      ))}
    </svg>
  )
}
