import { m } from 'framer-motion'
import { memo } from 'react'

import type { PictureLayout, PlacedNode } from '../../picture/layout'

interface Props {
  readonly placed: PlacedNode
  readonly geo: Pick<PictureLayout, 'line' | 'char' | 'pad'>
  readonly reduce: boolean
}

/**
 * One box of the picture: a title line with tags, then its rows. A row the last step changed is
 * highlighted and shows its old value struck through, as the state panel's cells do. Memoized on
 * the layout's signature (not its place: the caller positions it), so a step redraws only the
 * boxes it changed.
 */
export const PictureNode = memo(
  function PictureNode({ placed, geo, reduce }: Props) {
    const { node, w, h, rows } = placed
    const { line, char, pad } = geo
    const byKey = new Map(node.rows.map((r) => [r.key, r]))
    return (
      <g
        className={`pnode pnode-${node.kind} is-${node.status}${node.fresh ? ' is-fresh' : ''}`}
        data-node={node.id}
      >
        <rect className="pbox" width={w} height={h} rx={6} />
        <text className="ptitle" x={pad} y={line / 2 + pad / 2}>
          {node.title}
          {node.tags.map((t) => (
            <tspan key={t.text} className={`tone-${t.tone}`}>
              {` [${t.text}]`}
            </tspan>
          ))}
        </text>
        {rows.map((pr) => {
          const r = byKey.get(pr.key)
          if (!r) return null
          const changed = r.was !== undefined
          return (
            <g key={pr.key} className={changed ? 'prow changed-row' : 'prow'} data-row={pr.key}>
              {changed && (
                <m.rect
                  key={r.was}
                  className="pflash"
                  x={pad / 2}
                  y={pr.y - line / 2}
                  width={w - pad}
                  height={line * pr.lines.length}
                  rx={3}
                  initial={reduce ? false : { opacity: 1 }}
                  animate={{ opacity: 0.35 }}
                  transition={{ duration: 0.6 }}
                />
              )}
              <text x={pad} y={pr.y}>
                {r.label && <tspan className="plabel">{`${r.label} `}</tspan>}
                {changed && (
                  <>
                    <tspan className="pwas">{r.was}</tspan>
                    <tspan className="plabel"> → </tspan>
                  </>
                )}
                <tspan className={r.tone ? `tone-${r.tone}` : undefined}>{pr.lines[0]}</tspan>
              </text>
              {pr.lines.slice(1).map((l, i) => (
                <text
                  key={i}
                  x={pad + 4 * char}
                  y={pr.y + (i + 1) * line}
                  className={r.tone ? `tone-${r.tone}` : undefined}
                >
                  {l}
                </text>
              ))}
            </g>
          )
        })}
      </g>
    )
  },
  (a, b) => a.placed.sig === b.placed.sig && a.reduce === b.reduce && a.geo.line === b.geo.line
)
