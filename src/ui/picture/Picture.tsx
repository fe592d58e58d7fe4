import { m } from 'framer-motion'
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'

import { foldScene } from '../../picture/fold'
import { layoutScene } from '../../picture/layout'
import { sceneOf, type EdgeKind } from '../../picture/scene'
import type { Session } from '../../state/session'
import { changesOf } from '../changes'
import { lastCheck } from '../checks'
import { usePrefersReducedMotion } from '../usePrefersReducedMotion'
import { PictureLegend } from './PictureLegend'
import { PictureNode } from './PictureNode'
import './picture.css'

export interface PictureProps {
  readonly session: Session
  readonly position: number
  /** `large`: projector type (20 px, never scaled below it); `normal`: 14 px. */
  readonly size?: 'normal' | 'large'
  /** Fold the boxes the last step did not touch to their title line (a small slot). */
  readonly compact?: boolean
}

const KINDS: readonly EdgeKind[] = [
  'table',
  'huge',
  'map',
  'migration',
  'device',
  'invalid',
  'cache',
  'tlb',
  'iotlb',
  'walk',
  'pin',
  'ref',
  'snapshot',
  'rcu',
]

/** The width of an element's box, kept current (no layout read during render). */
function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(0)
  // Once, before the first paint: the picture is laid out for its real width from the start.
  useLayoutEffect(() => {
    if (ref.current) setWidth(ref.current.clientWidth)
  }, [])
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const ro = new ResizeObserver(([e]) => {
      if (e) setWidth(Math.floor(e.contentRect.width))
    })
    ro.observe(el)
    return () => {
      ro.disconnect()
    }
  }, [])
  return [ref, width]
}

/**
 * The state as a whiteboard picture: mm → PMD → PTE table → entries → folios, with arrows from
 * every entry, cache slot, TLB entry, GUP pin and IOMMU walk to what it reaches. The layout is
 * computed by `src/picture` (d3-shape draws the arrows); React owns the SVG.
 */
export function Picture({ session, position, size = 'normal', compact = false }: PictureProps) {
  const [ref, measured] = useWidth()
  const reduce = usePrefersReducedMotion()
  const { replay, program } = session
  const scene = useMemo(() => {
    const state = replay.states[position] ?? program.initial
    const changes = changesOf(replay.records[position - 1]?.effects)
    const s = sceneOf(
      program,
      state,
      changes,
      (f) => lastCheck(replay, f, position),
      position > 0 ? replay.states[position - 1] : undefined
    )
    return compact ? foldScene(s) : s
  }, [replay, program, position, compact])
  const width = measured || 360
  // Projector type: 20 px in a lecture slot at 1280×720, 25 px once the slot is a 1920×1080 one's.
  const fontSize = size === 'large' ? (width >= 860 ? 25 : 20) : 14
  const layout = useMemo(() => layoutScene(scene, { fontSize, maxWidth: width }), [scene, fontSize, width])
  // Wider than the space (one box alone is): a normal picture scales down to fit; a large one
  // keeps its type size and scrolls inside its own box instead.
  const fit = size === 'normal' && layout.width > width
  const geo = { line: layout.line, char: layout.char, pad: layout.pad }
  return (
    <div className={`picture picture-${size}`} ref={ref}>
      <svg
        className="picture-svg"
        role="img"
        aria-label={`Picture of the state after step ${String(position)}: ${String(layout.nodes.length)} boxes and ${String(layout.edges.length)} arrows. The Details tab lists every value as text.`}
        width={fit ? '100%' : layout.width}
        height={fit ? undefined : layout.height}
        viewBox={`-2 -2 ${String(layout.width + 4)} ${String(layout.height + 4)}`}
        data-orientation={layout.orientation}
        style={{ fontSize: `${String(fontSize)}px` }}
      >
        <defs>
          {/* One arrowhead per pointer kind, and a ghost one for pointers a step removed. */}
          {[...KINDS, 'ghost'].map((k) => (
            <marker
              key={k}
              id={`parrow-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className={`pe-fill pe-${k}`} />
            </marker>
          ))}
        </defs>
        {layout.nodes.map((p) => (
          <g key={p.node.id} transform={`translate(${String(p.x)} ${String(p.y)})`}>
            <PictureNode placed={p} geo={geo} reduce={reduce} />
          </g>
        ))}
        <g className="pedges">
          {layout.edges.map(({ edge: e, d }) => {
            const common = {
              className: `pedge pe-${e.kind}${e.ghost ? ' pe-ghost' : ''}${e.fresh ? ' pe-fresh' : ''}`,
              d,
              markerEnd: `url(#parrow-${e.ghost ? 'ghost' : e.kind})`,
              'data-from': e.from,
              'data-row': e.row,
              'data-to': e.to,
              'data-kind': e.kind,
              'data-ghost': e.ghost ? 'true' : undefined,
            }
            return e.fresh && !reduce ? (
              <m.path
                key={e.id}
                {...common}
                initial={{ pathLength: 0 }}
                animate={{ pathLength: 1 }}
                transition={{ duration: 0.45 }}
              />
            ) : (
              <path key={e.id} {...common} />
            )
          })}
        </g>
      </svg>
      <PictureLegend />
    </div>
  )
}
