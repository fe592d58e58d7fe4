import type { Scene, SceneNode } from './types'

/**
 * A compact picture for a small screen (lecture mode): boxes the last step did not touch fold
 * to their title line (a CPU keeps its status line), and their arrows leave from the title.
 * Folios never fold: their counts are what every race is about. `keep` names more boxes to keep
 * whole (e.g. what the race's key steps touch).
 */
export function foldScene(scene: Scene, keep: ReadonlySet<string> = new Set()): Scene {
  const whole = new Set(keep)
  for (const n of scene.nodes)
    if (n.kind === 'folio' || n.fresh || n.rows.some((r) => r.was !== undefined)) whole.add(n.id)
  for (const e of scene.edges)
    if (e.fresh || e.ghost) {
      whole.add(e.from)
      whole.add(e.to)
    }
  const kept = new Map<string, ReadonlySet<string>>()
  const nodes = scene.nodes.map((n): SceneNode => {
    if (whole.has(n.id)) return n
    const rows = n.kind === 'cpu' ? n.rows.slice(0, 1) : []
    kept.set(n.id, new Set(rows.map((r) => r.key)))
    const hidden = n.rows.length - rows.length
    return hidden > 0
      ? { ...n, rows, tags: [...n.tags, { text: `+${String(hidden)} rows`, tone: 'muted' }] }
      : n
  })
  const edges = scene.edges.map((e) => {
    const rows = kept.get(e.from)
    return rows && !rows.has(e.row) ? { ...e, row: '' } : e
  })
  return { nodes, edges }
}
