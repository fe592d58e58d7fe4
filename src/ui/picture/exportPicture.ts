/**
 * Export of the current view (loaded only when someone saves): the timeline as far as it is
 * scrolled into view, the state picture, and the narration as a caption, composed into one
 * standalone SVG (styles inlined from the page, so the file looks as the page does), or
 * rasterized into a PNG at twice the size for slides.
 */

import { timelineSvg } from './timelineSvg'

const NS = 'http://www.w3.org/2000/svg'
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-size',
  'font-family',
  'font-weight',
  'font-style',
  'text-decoration',
  'dominant-baseline',
  'text-anchor',
  'display',
  'visibility',
  'white-space',
]

export interface ViewInfo {
  readonly title: string
  readonly lines: readonly string[]
  readonly name: string
  readonly link: string
}

/** A copy of a live SVG element with each element's computed style written onto it. */
function inlined(src: SVGSVGElement): SVGSVGElement {
  const copy = src.cloneNode(true) as SVGSVGElement
  const a = [src, ...src.querySelectorAll('*')]
  const b = [copy, ...copy.querySelectorAll('*')]
  a.forEach((el, i) => {
    const cs = getComputedStyle(el)
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';')
    b[i]?.setAttribute('style', style)
  })
  return copy
}

function text(x: number, y: number, s: string, style: string): SVGTextElement {
  const t = document.createElementNS(NS, 'text')
  t.setAttribute('x', String(x))
  t.setAttribute('y', String(y))
  t.setAttribute('style', style)
  t.textContent = s
  return t
}

function wrap(s: string, n: number): string[] {
  const out: string[] = []
  let line = ''
  for (const w of s.split(/\s+/)) {
    if (line && line.length + 1 + w.length > n) {
      out.push(line)
      line = w
    } else line = line ? `${line} ${w}` : w
  }
  if (line) out.push(line)
  return out
}

const FONT = "font-family:system-ui,'Segoe UI',Roboto,sans-serif"

/** The view as one SVG document (a string). Throws with a plain message if a part is missing. */
export function composeView(
  info: ViewInfo,
  root: ParentNode = document
): { svg: string; w: number; h: number } {
  const picture = root.querySelector<SVGSVGElement>('svg.picture-svg')
  if (!picture) throw new Error('the picture is not on screen (open the Picture tab).')
  const vb = picture.viewBox.baseVal
  const pw = vb.width
  const ph = vb.height
  const timeline = root.querySelector<HTMLElement>('.timeline')
  // Only the part of the timeline that is scrolled into view: the view as the reader sees it.
  const tl = timeline ? timelineSvg(timeline) : null
  const M = 24
  const W = Math.ceil(Math.max(pw, tl?.w ?? 0, 720) + 2 * M)
  const captionLines = info.lines.flatMap((l) => wrap(l, Math.floor((W - 2 * M) / 8.4)))
  const H = Math.ceil(M + 30 + (tl ? tl.h + 20 : 0) + ph + 24 + captionLines.length * 22 + 30)

  const out = document.createElementNS(NS, 'svg')
  out.setAttribute('xmlns', NS)
  out.setAttribute('width', String(W))
  out.setAttribute('height', String(H))
  out.setAttribute('viewBox', `0 0 ${String(W)} ${String(H)}`)
  out.setAttributeNS('http://www.w3.org/XML/1998/namespace', 'xml:space', 'preserve')
  const bg = document.createElementNS(NS, 'rect')
  bg.setAttribute('width', '100%')
  bg.setAttribute('height', '100%')
  const page = getComputedStyle(document.documentElement).backgroundColor
  bg.setAttribute('fill', page && page !== 'rgba(0, 0, 0, 0)' && page !== 'transparent' ? page : '#10141c')
  out.append(bg)
  out.append(text(M, M + 8, info.title, `${FONT};font-size:20px;font-weight:700;fill:#e7eaf0`))
  let y = M + 30
  if (tl) {
    tl.g.setAttribute('transform', `translate(${String(M)} ${String(y)})`)
    out.append(tl.g)
    y += tl.h + 20
  }
  const p = inlined(picture)
  p.setAttribute('x', String(M))
  p.setAttribute('y', String(y))
  p.setAttribute('width', String(pw))
  p.setAttribute('height', String(ph))
  out.append(p)
  y += ph + 24
  captionLines.forEach((l, i) => {
    out.append(text(M, y + i * 22, l, `${FONT};font-size:15px;fill:${i === 0 ? '#e7eaf0' : '#c9ced8'}`))
  })
  out.append(text(M, H - 12, info.link, `${FONT};font-size:11px;fill:#9aa4b5`))
  return { svg: new XMLSerializer().serializeToString(out), w: W, h: H }
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => {
    URL.revokeObjectURL(url)
  }, 10_000)
}

async function rasterize(svg: string, w: number, h: number, scale: number): Promise<Blob> {
  const img = new Image()
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
  await img.decode()
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(w * scale)
  canvas.height = Math.round(h * scale)
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('this browser cannot draw a PNG here.')
  ctx.scale(scale, scale)
  ctx.drawImage(img, 0, 0, w, h)
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => {
      if (b) resolve(b)
      else reject(new Error('the PNG could not be encoded.'))
    }, 'image/png')
  })
}

/** Save the view as `info.name`. */
export async function saveView(format: 'svg' | 'png', info: ViewInfo): Promise<void> {
  const { svg, w, h } = composeView(info)
  if (format === 'svg') download(new Blob([svg], { type: 'image/svg+xml' }), info.name)
  // A very large view is drawn at its own size rather than twice it (canvas size limits).
  else download(await rasterize(svg, w, h, w * h > 8_000_000 ? 1 : 2), info.name)
}
