/**
 * The timeline (an HTML grid of blocks) drawn again as SVG for the exported picture: the window
 * that is scrolled into view, as the reader sees it. Every box is measured in the page
 * (getBoundingClientRect, relative to the grid's visible left edge) and painted from its computed
 * style: background, borders, outline, ring shadows, the hatched waiting bars, and each line of
 * text where the page put it. The race connector (already SVG) is copied with its styles.
 */

const NS = 'http://www.w3.org/2000/svg'

type Attrs = Record<string, string | number>

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, tag)
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, typeof v === 'number' ? r2(v) : v)
  return e
}

const r2 = (v: number) => String(Math.round(v * 100) / 100)
const px = (s: string) => parseFloat(s) || 0

/** Any CSS colour (color-mix, color(srgb …) included) as rgb() and an opacity, through a pixel. */
const colours = new Map<string, { rgb: string; a: number }>()
let pixel: CanvasRenderingContext2D | null = null
function colour(c: string): { rgb: string; a: number } {
  const known = colours.get(c)
  if (known) return known
  pixel ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })
  let out = { rgb: 'rgb(0,0,0)', a: 0 }
  if (pixel) {
    pixel.clearRect(0, 0, 1, 1)
    pixel.fillStyle = 'rgba(0,0,0,0)'
    pixel.fillStyle = c
    pixel.fillRect(0, 0, 1, 1)
    const [r = 0, g = 0, b = 0, a = 0] = pixel.getImageData(0, 0, 1, 1).data
    out = { rgb: `rgb(${String(r)},${String(g)},${String(b)})`, a: a / 255 }
  }
  colours.set(c, out)
  return out
}

/** Sets `fill` or `stroke` to a CSS colour; false (and nothing set) if it is transparent. */
function paint(e: SVGElement, what: 'fill' | 'stroke', c: string): boolean {
  const { rgb, a } = colour(c)
  if (a === 0) return false
  e.setAttribute(what, rgb)
  if (a < 1) e.setAttribute(`${what}-opacity`, r2(a))
  return true
}

interface Ctx {
  /** The page point drawn at (0, 0). */
  readonly ox: number
  readonly oy: number
  readonly defs: SVGDefsElement
  /** Hatch patterns by colour. */
  readonly hatches: Map<string, string>
}

function hatch(ctx: Ctx, color: string): string {
  let id = ctx.hatches.get(color)
  if (!id) {
    id = `tl-hatch-${String(ctx.hatches.size)}`
    ctx.hatches.set(color, id)
    // As the page's repeating-linear-gradient(45deg, currentColor 0 2px, transparent 2px 6px).
    const p = el('pattern', {
      id,
      width: 6,
      height: 6,
      patternUnits: 'userSpaceOnUse',
      patternTransform: 'rotate(-45)',
    })
    const stripe = el('rect', { width: 2, height: 6 })
    paint(stripe, 'fill', color)
    p.append(stripe)
    ctx.defs.append(p)
  }
  return `url(#${id})`
}

/** The element's own box: ring shadows, background (or hatch), borders, outline. */
function drawBox(ctx: Ctx, node: HTMLElement, cs: CSSStyleDeclaration, g: SVGGElement): void {
  const b = node.getBoundingClientRect()
  if (b.width === 0 || b.height === 0) return
  const x = b.left - ctx.ox
  const y = b.top - ctx.oy
  const rx = px(cs.borderTopLeftRadius)
  const rect = (d: number, extra: Attrs) =>
    el('rect', {
      x: x - d,
      y: y - d,
      width: b.width + 2 * d,
      height: b.height + 2 * d,
      rx: Math.max(0, rx + d),
      ...extra,
    })
  // Ring shadows (0 0 0 spread): the first is on top, so they are drawn last to first.
  const rings = [...cs.boxShadow.matchAll(/(\w+\([^)]*\)|#\w+|\w+) 0px 0px 0px (-?[\d.]+)px(?! inset)/g)]
  for (const m of rings.reverse()) {
    const r = rect(px(m[2] ?? '0'), {})
    if (paint(r, 'fill', m[1] ?? '')) g.append(r)
  }
  const bg = rect(0, {})
  if (paint(bg, 'fill', cs.backgroundColor)) g.append(bg)
  if (cs.backgroundImage.includes('repeating-linear-gradient'))
    g.append(rect(0, { fill: hatch(ctx, cs.color) }))
  const sides = [
    ['Top', x, y, x + b.width, y],
    ['Right', x + b.width, y, x + b.width, y + b.height],
    ['Bottom', x, y + b.height, x + b.width, y + b.height],
    ['Left', x, y, x, y + b.height],
  ] as const
  for (const [side, x1, y1, x2, y2] of sides) {
    const w = px(cs.getPropertyValue(`border-${side.toLowerCase()}-width`))
    const style = cs.getPropertyValue(`border-${side.toLowerCase()}-style`)
    if (w === 0 || style === 'none' || style === 'hidden') continue
    // The line along the inside of the border edge.
    const ix = side === 'Right' ? -w / 2 : side === 'Left' ? w / 2 : 0
    const iy = side === 'Bottom' ? -w / 2 : side === 'Top' ? w / 2 : 0
    const line = el('line', { x1: x1 + ix, y1: y1 + iy, x2: x2 + ix, y2: y2 + iy, 'stroke-width': w })
    if (style === 'dashed') line.setAttribute('stroke-dasharray', `${r2(3 * w)} ${r2(3 * w)}`)
    if (style === 'dotted') line.setAttribute('stroke-dasharray', `${r2(w)} ${r2(w)}`)
    if (paint(line, 'stroke', cs.getPropertyValue(`border-${side.toLowerCase()}-color`))) g.append(line)
  }
  const ow = px(cs.outlineWidth)
  if (ow > 0 && cs.outlineStyle !== 'none') {
    const o = rect(px(cs.outlineOffset) + ow / 2, { fill: 'none', 'stroke-width': ow })
    if (cs.outlineStyle === 'dashed') o.setAttribute('stroke-dasharray', `${r2(3 * ow)} ${r2(2 * ow)}`)
    if (cs.outlineStyle === 'dotted') o.setAttribute('stroke-dasharray', `${r2(ow)} ${r2(ow)}`)
    if (paint(o, 'stroke', cs.outlineColor)) g.append(o)
  }
}

/** A text node, line by line where the page broke it, in its parent's font and colour. */
function drawText(ctx: Ctx, t: Text, cs: CSSStyleDeclaration, strike: boolean, g: SVGGElement): void {
  const lines: { text: string; left: number; top: number; bottom: number }[] = []
  const range = document.createRange()
  const rectOf = (from: number, to: number) => {
    range.setStart(t, from)
    range.setEnd(t, to)
    return range.getClientRects()
  }
  const put = (s: string, r: DOMRect | undefined, space: boolean) => {
    if (!r || r.width === 0) return
    const last = lines[lines.length - 1]
    if (last && Math.abs(r.top - last.top) < 2) last.text += `${space ? ' ' : ''}${s}`
    else lines.push({ text: s, left: r.left, top: r.top, bottom: r.bottom })
  }
  for (const m of t.data.matchAll(/\S+/g)) {
    const end = m.index + m[0].length
    // A word the page broke across lines (overflow-wrap: anywhere) is placed letter by letter.
    if (rectOf(m.index, end).length > 1)
      for (let k = m.index; k < end; k++) put(t.data.charAt(k), rectOf(k, k + 1)[0], k === m.index)
    else put(m[0], rectOf(m.index, end)[0], true)
  }
  for (const l of lines) {
    const text = el('text', {
      x: l.left - ctx.ox,
      y: (l.top + l.bottom) / 2 - ctx.oy,
      'dominant-baseline': 'central',
      style: `font-family:${cs.fontFamily};font-size:${cs.fontSize};font-weight:${cs.fontWeight};font-style:${cs.fontStyle}`,
    })
    if (strike) text.setAttribute('text-decoration', 'line-through')
    paint(text, 'fill', cs.color)
    text.textContent = l.text
    g.append(text)
  }
}

/** An HTML element and what is in it, as a group carrying its classes (and its tooltip). */
function drawElement(ctx: Ctx, node: HTMLElement, strike: boolean, into: SVGGElement): void {
  const cs = getComputedStyle(node)
  if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return
  const g = el('g')
  if (typeof node.className === 'string' && node.className) g.setAttribute('class', node.className)
  if (cs.opacity !== '1') g.setAttribute('opacity', cs.opacity)
  if (node.title) g.append(Object.assign(el('title'), { textContent: node.title }))
  drawBox(ctx, node, cs, g)
  const struck = strike || cs.textDecorationLine.includes('line-through')
  for (const child of node.childNodes) {
    if (child instanceof HTMLElement) drawElement(ctx, child, struck, g)
    else if (child instanceof Text) drawText(ctx, child, cs, struck, g)
  }
  into.append(g)
}

/** The race connector: its paths, with the stroke the page gives them. */
function drawLinks(ctx: Ctx, svg: SVGSVGElement, into: SVGGElement): void {
  const b = svg.getBoundingClientRect()
  const g = el('g', {
    class: svg.getAttribute('class') ?? '',
    transform: `translate(${r2(b.left - ctx.ox)} ${r2(b.top - ctx.oy)})`,
  })
  for (const link of svg.querySelectorAll('g')) {
    const lg = el('g', { class: link.getAttribute('class') ?? '' })
    const title = link.querySelector('title')?.textContent
    if (title) lg.append(Object.assign(el('title'), { textContent: title }))
    for (const p of link.querySelectorAll('path')) {
      const cs = getComputedStyle(p)
      const path = el('path', {
        d: p.getAttribute('d') ?? '',
        fill: 'none',
        'stroke-width': px(cs.strokeWidth),
      })
      if (cs.strokeDasharray !== 'none')
        path.setAttribute('stroke-dasharray', cs.strokeDasharray.replace(/px/g, ''))
      paint(path, 'stroke', cs.stroke)
      lg.append(path)
    }
    g.append(lg)
  }
  into.append(g)
}

/**
 * The visible window of the timeline inside `timeline` (the `.timeline` section) as an SVG group
 * drawn at (0, 0), with its size; null if there is no timeline grid.
 */
export function timelineSvg(timeline: HTMLElement): { g: SVGGElement; w: number; h: number } | null {
  const grid = timeline.querySelector<HTMLElement>('.tl-grid')
  const scroller = grid?.parentElement
  if (!grid || !scroller) return null
  const sb = scroller.getBoundingClientRect()
  const gb = grid.getBoundingClientRect()
  const w = Math.min(scroller.clientWidth, gb.width)
  const h = gb.height
  const root = el('g', { class: 'timeline' })
  const defs = el('defs')
  const ctx: Ctx = { ox: sb.left + scroller.clientLeft, oy: gb.top, defs, hatches: new Map() }
  const clip = el('clipPath', { id: 'tl-window' })
  clip.append(el('rect', { width: w, height: h }))
  defs.append(clip)
  root.append(defs)
  const panel = el('rect', { width: w, height: h })
  if (!paint(panel, 'fill', getComputedStyle(timeline).backgroundColor)) panel.setAttribute('fill', '#171d28')
  root.append(panel)
  const body = el('g', { 'clip-path': 'url(#tl-window)' })
  root.append(body)
  // The grid's cells in the page's stacking order (z-index, then document order), and only those
  // that show in the window.
  const cells = [...grid.children]
    .map((c, i) => ({ c, i, z: parseInt(getComputedStyle(c).zIndex) || 0 }))
    .sort((a, b) => a.z - b.z || a.i - b.i)
  for (const { c } of cells) {
    const b = c.getBoundingClientRect()
    if (b.right < ctx.ox || b.left > ctx.ox + w) continue
    if (c instanceof SVGSVGElement) drawLinks(ctx, c, body)
    else if (c instanceof HTMLElement) drawElement(ctx, c, false, body)
  }
  const frame = el('rect', { width: w, height: h, fill: 'none', 'stroke-width': 1 })
  if (paint(frame, 'stroke', getComputedStyle(timeline).borderTopColor)) root.append(frame)
  return { g: root, w, h }
}
