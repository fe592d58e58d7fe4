import { linkHorizontal, linkVertical } from 'd3-shape'

import type { Scene, SceneEdge, SceneNode } from './scene'

/**
 * Geometry for a scene: where each box and row goes and the path of each arrow. Pure (no DOM):
 * text is monospace, so a row's width is its length times the font's advance, known without
 * measuring. Wide layouts put the bands side by side (mm → tables → folios ← who refers);
 * narrower than that, the bands stack and their boxes wrap, so the picture never needs
 * sideways scrolling unless one box alone is wider than the space.
 */

export interface LayoutOptions {
  /** Font size of the picture's text, in CSS px at scale 1. */
  readonly fontSize: number
  /** The width available, in CSS px. */
  readonly maxWidth: number
}

export interface PlacedRow {
  readonly key: string
  /** Centre of the row's first line. */
  readonly y: number
  /** The value, wrapped: the first line follows the label (and the old value), the rest indent. */
  readonly lines: readonly string[]
}

export interface PlacedNode {
  readonly node: SceneNode
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
  readonly rows: readonly PlacedRow[]
  /** Changes exactly when what the box draws changes, wherever it is (lets the view skip the rest). */
  readonly sig: string
}

export interface PlacedEdge {
  readonly edge: SceneEdge
  readonly d: string
}

export interface PictureLayout {
  readonly width: number
  readonly height: number
  readonly orientation: 'wide' | 'tall'
  readonly fontSize: number
  /** Height of one text line. */
  readonly line: number
  /** Width of one character. */
  readonly char: number
  readonly pad: number
  readonly nodes: readonly PlacedNode[]
  readonly edges: readonly PlacedEdge[]
}

/** Monospace advance as a fraction of the font size (DejaVu Sans Mono, Menlo, Consolas: 0.60–0.62). */
export const ADVANCE = 0.64
/** Longest line a row may take before its value wraps, in characters (less if the space is narrower). */
const WRAP_CHARS = 44

function wrap(text: string, first: number, rest: number): string[] {
  const out: string[] = []
  let left = text
  let room = Math.max(8, first)
  while (left.length > room) {
    let cut = left.lastIndexOf(' ', room)
    if (cut <= room / 3) cut = room
    out.push(left.slice(0, cut).trimEnd())
    left = left.slice(cut).trimStart()
    room = rest
  }
  out.push(left)
  return out
}

interface Box {
  node: SceneNode
  w: number
  h: number
  rows: { key: string; offset: number; lines: string[] }[]
  x: number
  y: number
}

function measure(node: SceneNode, o: Geometry): Box {
  const WRAP = o.wrap
  let width = node.title.length + node.tags.reduce((a, t) => a + t.text.length + 3, 0)
  let lineNo = 1
  const rows = node.rows.map((r) => {
    const head = r.label.length + (r.label ? 1 : 0) + (r.was !== undefined ? r.was.length + 3 : 0)
    const lines = wrap(r.value, WRAP - head, WRAP - 4)
    width = Math.max(width, head + (lines[0]?.length ?? 0), ...lines.slice(1).map((l) => l.length + 4))
    const offset = lineNo
    lineNo += lines.length
    return { key: r.key, offset, lines }
  })
  return {
    node,
    w: Math.ceil(Math.max(width * o.char + 2 * o.pad, 8 * o.char)),
    h: Math.ceil(lineNo * o.line + o.pad),
    rows,
    x: 0,
    y: 0,
  }
}

interface Geometry {
  readonly line: number
  readonly char: number
  readonly pad: number
  readonly gap: number
  readonly wrap: number
}

/** Where a row's arrow starts: its centre line, relative to the box. */
const rowY = (b: Box, key: string, g: Geometry) => {
  const r = b.rows.find((x) => x.key === key)
  return (r ? r.offset : 0) * g.line + g.line / 2 + g.pad / 2
}

/** Order a band's boxes by where their arrows come from (a barycentre), keeping ties stable. */
function order(band: Box[], incoming: Map<string, number[]>): Box[] {
  const at = (b: Box) => {
    const ys = incoming.get(b.node.id)
    return ys && ys.length > 0 ? ys.reduce((a, y) => a + y, 0) / ys.length : Number.POSITIVE_INFINITY
  }
  return band
    .map((b, i) => ({ b, i, k: at(b) }))
    .sort((p, q) => (p.k === q.k ? p.i - q.i : p.k - q.k))
    .map((p) => p.b)
}

export function layoutScene(scene: Scene, opts: LayoutOptions): PictureLayout {
  const fs = opts.fontSize
  const g: Geometry = {
    line: Math.round(fs * 1.45),
    char: fs * ADVANCE,
    pad: Math.round(fs * 0.6),
    gap: Math.round(fs * 1.2),
    wrap: Math.max(
      16,
      Math.min(WRAP_CHARS, Math.floor((opts.maxWidth - 2 * Math.round(fs * 0.6)) / (fs * ADVANCE)) - 1)
    ),
  }
  const boxes = new Map(scene.nodes.map((n) => [n.id, measure(n, g)]))
  const bands = [0, 1, 2, 3]
    .map((b) => scene.nodes.filter((n) => n.band === b).map((n) => boxes.get(n.id) as Box))
    .filter((b) => b.length > 0)
  const colGap = Math.round(fs * 4.5)
  const wideWidth =
    bands.reduce((a, b) => a + Math.max(...b.map((x) => x.w)), 0) + colGap * (bands.length - 1)
  const orientation = wideWidth <= opts.maxWidth ? 'wide' : 'tall'
  const sources = (b: Box) =>
    scene.edges.filter((e) => e.to === b.node.id && !e.ghost).map((e) => ({ e, from: boxes.get(e.from) }))

  let width = 0
  let height = 0
  const placed = new Set<string>()
  for (const band of bands) {
    // Arrows from boxes already placed pull a box towards them (only from earlier bands).
    const incoming = new Map<string, number[]>()
    for (const b of band)
      incoming.set(
        b.node.id,
        sources(b)
          .filter((s) => s.from && placed.has(s.from.node.id))
          .map(({ e, from }) =>
            orientation === 'wide'
              ? (from as Box).y + rowY(from as Box, e.row, g)
              : (from as Box).x + (from as Box).w * 0.75
          )
      )
    // The last band (who else refers) follows what it points at instead.
    if (band[0]?.node.band === 3)
      for (const b of band)
        incoming.set(
          b.node.id,
          scene.edges
            .filter((e) => e.from === b.node.id && placed.has(e.to))
            .map((e) => {
              const t = boxes.get(e.to) as Box
              return orientation === 'wide' ? t.y : t.x + t.w / 2
            })
        )
    const sorted = order(band, incoming)
    if (orientation === 'wide') {
      const x = width === 0 ? 0 : width + colGap
      let y = 0
      for (const b of sorted) {
        const want = incoming.get(b.node.id) ?? []
        const target = want.length > 0 ? Math.min(...want) - g.line / 2 - g.pad / 2 : 0
        b.x = x
        b.y = Math.max(y, Math.round(target))
        y = b.y + b.h + g.gap
      }
      width = x + Math.max(...band.map((b) => b.w))
      height = Math.max(height, y - g.gap)
    } else {
      let x = 0
      let y = height === 0 ? 0 : height + Math.round(fs * 2.2)
      let lineH = 0
      for (const b of sorted) {
        const want = incoming.get(b.node.id) ?? []
        const mean = want.length > 0 ? want.reduce((a, v) => a + v, 0) / want.length - b.w / 2 : 0
        if (x > 0 && x + b.w > opts.maxWidth) {
          x = 0
          y += lineH + g.gap
          lineH = 0
        }
        // Under what points at it, as far as the line leaves room.
        x = Math.max(x, Math.min(Math.round(mean), opts.maxWidth - b.w))
        b.x = x
        b.y = y
        x += b.w + g.gap
        lineH = Math.max(lineH, b.h)
        width = Math.max(width, b.x + b.w)
      }
      height = y + lineH
    }
    for (const b of band) placed.add(b.node.id)
  }

  const h = linkHorizontal<unknown, [number, number]>()
    .source((d) => (d as { s: [number, number] }).s)
    .target((d) => (d as { t: [number, number] }).t)
  const v = linkVertical<unknown, [number, number]>()
    .source((d) => (d as { s: [number, number] }).s)
    .target((d) => (d as { t: [number, number] }).t)
  const edges: PlacedEdge[] = []
  for (const e of scene.edges) {
    const a = boxes.get(e.from)
    const b = boxes.get(e.to)
    if (!a || !b) continue
    const y1 = a.y + rowY(a, e.row, g)
    const ty = b.y + g.line / 2 + g.pad / 2
    let d: string | null
    if (orientation === 'wide') {
      const right = b.x > a.x
      d = h({ s: [right ? a.x + a.w : a.x, y1], t: [right ? b.x - 2 : b.x + b.w + 2, ty] })
    } else {
      const below = b.y > a.y + a.h / 2
      const sx = b.x + b.w / 2 >= a.x + a.w / 2 ? a.x + a.w : a.x
      d = below
        ? v({ s: [sx, y1], t: [b.x + b.w / 2, b.y - 2] })
        : v({ s: [sx, y1], t: [b.x + b.w / 2, b.y + b.h + 2] })
    }
    if (d) edges.push({ edge: e, d })
  }

  const nodes: PlacedNode[] = scene.nodes.map((n) => {
    const b = boxes.get(n.id) as Box
    const rows = b.rows.map((r) => ({
      key: r.key,
      y: r.offset * g.line + g.line / 2 + g.pad / 2,
      lines: r.lines,
    }))
    return {
      node: n,
      x: b.x,
      y: b.y,
      w: b.w,
      h: b.h,
      rows,
      sig: `${String(b.w)},${String(b.h)},${String(fs)}|${n.status}|${String(n.fresh)}|${n.title}|${n.tags.map((t) => t.text).join(',')}|${n.rows.map((r) => `${r.label}=${r.value}<${r.was ?? ''}:${r.tone ?? ''}`).join(';')}`,
    }
  })
  return {
    width: Math.ceil(width) + 4,
    height: Math.ceil(height) + 4,
    orientation,
    fontSize: fs,
    line: g.line,
    char: g.char,
    pad: g.pad,
    nodes,
    edges,
  }
}
