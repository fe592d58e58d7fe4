import type { Page } from '@playwright/test'

/** Page measurements for the lecture-hall tests: what a person sees, read from the live layout. */

/** The smallest font size of any text a person can see in the viewport (sr-only text excluded). */
export function smallestVisibleText(page: Page) {
  return page.evaluate(() => {
    let min: { size: number; text: string } | null = null
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT)
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim() ?? ''
      const el = n.parentElement
      if (text === '' || !el) continue
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue
      const range = document.createRange()
      range.selectNodeContents(n)
      const r = range.getBoundingClientRect()
      if (r.width < 2 || r.height < 2) continue
      if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (!min || size < min.size) min = { size, text: text.slice(0, 40) }
    }
    return min
  })
}

/** Whether the page scrolls, and where the timeline and the narration end. */
export function fit(page: Page) {
  return page.evaluate(() => {
    const d = document.documentElement
    const box = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null
    return {
      scrolls: d.scrollHeight > innerHeight || d.scrollWidth > innerWidth,
      timelineBottom: box('.timeline')?.bottom ?? Infinity,
      narrationTop: box('.narration .now')?.top ?? Infinity,
      stateTop: box('.state-panel')?.top ?? Infinity,
      height: innerHeight,
    }
  })
}

/** Every block's label whole and no block over its neighbour; every lane title whole. */
export function timelineLabels(page: Page) {
  return page.evaluate(() => {
    const cut: string[] = []
    const blocks = [...document.querySelectorAll<HTMLElement>('.tl-grid .block')]
    for (const b of blocks)
      if (b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight) cut.push(b.innerText)
    const overlaps: string[] = []
    const rects = blocks.map((b) => b.getBoundingClientRect())
    for (let i = 1; i < rects.length; i++) {
      const a = rects[i - 1]
      const b = rects[i]
      if (a && b && a.right > b.left + 0.5) overlaps.push(`${String(i)}: ${blocks[i]?.innerText ?? ''}`)
    }
    // A lane's visible words lie inside its box (lecture mode's whole-title tooltip aside).
    const lanes = [...document.querySelectorAll<HTMLElement>('.lane-name')].filter((l) => {
      const box = l.getBoundingClientRect()
      const tip = getComputedStyle(l.querySelector('.lane-title') ?? l).position === 'absolute'
      return [...l.querySelectorAll<HTMLElement>(tip ? 'span:not(.lane-title)' : 'span')].some((s) => {
        if (s.getClientRects().length === 0) return false // not displayed at this size
        const r = s.getBoundingClientRect()
        return (
          r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1
        )
      })
    })
    const names = blocks.filter((b) => {
      const fn = b.querySelector('.block-fn')?.textContent ?? ''
      return !(b.getAttribute('aria-label') ?? '').includes(fn) || !(b.title || '').includes(fn)
    })
    return { blocks: blocks.length, cut, overlaps, lanes: lanes.length, unnamed: names.length }
  })
}
