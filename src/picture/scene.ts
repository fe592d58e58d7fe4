import type { Program, State } from '../engine'
import { holders } from './holders'
import { folios, mms, tables } from './memory'
import type { Ctx } from './rows'
import type { ChangeMap, Check, Draft, Mut, Scene, SceneEdge, SceneNode } from './types'

export type * from './types'

/** The nodes and edges of one state, without fresh/ghost marks (see `sceneOf`). */
function build(
  program: Program,
  state: State,
  changes: ChangeMap,
  checkOf: (folio: string) => Check | undefined
): { nodes: SceneNode[]; edges: Draft[] } {
  const c: Ctx = { program, state, changes, checkOf, nodes: [], edges: [] }
  mms(c)
  tables(c)
  folios(c)
  holders(c)
  return { nodes: c.nodes, edges: c.edges }
}

const edgeId = (e: Draft) => `${e.from}/${e.row}>${e.to}`

/**
 * The picture of `state`. With `before` (the state before the last step), arrows the step drew
 * are marked fresh and arrows it removed are kept as ghosts, so the old value stays visible.
 */
export function sceneOf(
  program: Program,
  state: State,
  changes: ChangeMap,
  checkOf: (folio: string) => Check | undefined = () => undefined,
  before?: State
): Scene {
  const now = build(program, state, changes, checkOf)
  const ids = new Set(now.edges.map(edgeId))
  const edges: SceneEdge[] = now.edges.map((e) => ({ ...e, id: edgeId(e), fresh: false, ghost: false }))
  if (before) {
    const prev = build(program, before, new Map(), () => undefined).edges
    const prevIds = new Set(prev.map(edgeId))
    for (const e of edges) if (!prevIds.has(e.id)) (e as Mut<SceneEdge>).fresh = true
    const nodeRows = new Map(now.nodes.map((n) => [n.id, new Set(n.rows.map((r) => r.key))]))
    for (const e of prev) {
      const id = edgeId(e)
      if (ids.has(id) || !nodeRows.has(e.to)) continue
      const rows = nodeRows.get(e.from)
      if (!rows) continue
      edges.push({ ...e, row: rows.has(e.row) ? e.row : '', id, fresh: false, ghost: true })
    }
  }
  return { nodes: now.nodes, edges }
}
