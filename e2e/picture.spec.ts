import { readFileSync } from 'node:fs'

import { expect, test, type Frame, type Page } from '@playwright/test'

import type { State } from '../src/engine'
import { POINTER_KINDS, pointerEdges, reportedRun } from '../src/picture/testing'
import { IDS, reportedLink, stepCounter, watchErrors } from './helpers'

/** A race's reported run as the page shows it (completed by the page's policy). */
const pageRun = (id: string) => reportedRun(id).run

/** The live arrows drawn in the picture, of the kinds the state's pointers give, by id → kind. */
async function drawn(page: Page | Frame): Promise<Map<string, string>> {
  const edges = await page.locator('.picture-svg path.pedge').evaluateAll((els) =>
    els.map((e) => ({
      id: `${e.getAttribute('data-from') ?? ''}/${e.getAttribute('data-row') ?? ''}>${e.getAttribute('data-to') ?? ''}`,
      kind: e.getAttribute('data-kind') ?? '',
      ghost: e.getAttribute('data-ghost') === 'true',
    }))
  )
  return new Map(
    edges
      .filter((e) => !e.ghost && POINTER_KINDS.has(e.kind) && !e.id.includes('/local:'))
      .map((e) => [e.id, e.kind])
  )
}

/**
 * Issue 13, item 3: the state drawn as a picture, for every race at its first and last step, with
 * exactly the arrows the model's state (replayed here in Node) says it must have; the freed
 * folios drawn as freed.
 */
for (const id of IDS) {
  test(`${id}: the picture draws the state's arrows at the first and the last step`, async ({ page }) => {
    const errors = watchErrors(page)
    const run = pageRun(id)
    const last = run.states.length - 1
    await page.goto(`${reportedLink(id)}&at=0`)
    await expect(page.getByRole('tab', { name: 'Picture' })).toHaveAttribute('aria-selected', 'true')
    await expect(page.locator('.picture-svg')).toBeVisible()
    expect(await drawn(page)).toEqual(pointerEdges(run.states[0] as State))
    await page.keyboard.press('End')
    await expect.poll(() => stepCounter(page)).toBe(`step ${String(last)} / ${String(last)}`)
    const end = run.states[last] as State
    expect(await drawn(page)).toEqual(pointerEdges(end))
    for (const [f, folio] of Object.entries(end.folios)) {
      const box = page.locator(`.picture-svg [data-node="folio:${f}"]`)
      await expect(box).toHaveClass(folio.freed ? /is-gone/ : /is-(live|loose)/)
    }
    // Nothing of the old panel is lost: the Details tab still has every card.
    await page.getByRole('tab', { name: 'Details' }).click()
    await expect(page.getByRole('region', { name: 'Locks' })).toBeVisible()
    for (const f of Object.keys(end.folios))
      await expect(page.getByRole('article', { name: `Folio ${f}`, exact: true })).toBeVisible()
    expect(errors).toEqual([])
  })
}

test('a step that clears an entry keeps the old arrow, dashed, for that step only', async ({ page }) => {
  const run = pageRun('migration-vs-shmem-fault')
  const at = run.records.findIndex((r) =>
    r.effects.some((e) => e.kind === 'write' && e.path === 'tables:TA.ptes.0' && e.after === 'none')
  )
  await page.goto(`${reportedLink('migration-vs-shmem-fault')}&at=${String(at + 1)}`)
  const ghost = page.locator('.picture-svg path.pedge[data-ghost="true"][data-from="table:TA"]')
  await expect(ghost).toHaveCount(1)
  await expect(page.locator('.picture-svg [data-node="table:TA"] .changed-row .pwas')).toHaveText(
    'present(P#0, rw)'
  )
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.picture-svg path.pedge[data-ghost="true"][data-from="table:TA"]')).toHaveCount(
    0
  )
})

test('Save picture downloads the view as a non-empty SVG and PNG', async ({ page }) => {
  const errors = watchErrors(page)
  const steps = pageRun('gup-fast-vs-thp-collapse').records.length
  await page.goto(`${reportedLink('gup-fast-vs-thp-collapse')}&at=20`)
  const save = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Save picture as ${name}` }).click(),
    ])
    const path = await download.path()
    return { name: download.suggestedFilename(), bytes: readFileSync(path) }
  }
  const svg = await save('SVG')
  expect(svg.name).toBe('gup-fast-vs-thp-collapse-step-20.svg')
  const text = svg.bytes.toString('utf8')
  expect(text.startsWith('<svg')).toBe(true)
  // The timeline, the picture and the narration (the step just taken) are all in it.
  expect(text).toContain('class="block')
  expect(text).toContain('data-node="folio:P0"')
  expect(text).toContain(`Step 20 of ${String(steps)}`)
  // The timeline's lanes keep their whole titles, as on the page (wrapped where the page wraps
  // them, never cut): the same characters in the same order, line breaks aside.
  const lanes = await page
    .locator('.timeline .lane-name')
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.replace(/\s+/g, '')))
  const exported = await page.evaluate((svgText) => {
    const doc = new DOMParser().parseFromString(svgText, 'image/svg+xml')
    return [...doc.querySelectorAll('g.lane-name')].map((g) =>
      [...g.querySelectorAll('text')].map((t) => t.textContent.replace(/\s+/g, '')).join('')
    )
  }, text)
  expect(lanes.length).toBeGreaterThan(1)
  expect(exported).toEqual(lanes)
  const png = await save('PNG')
  expect(png.name).toBe('gup-fast-vs-thp-collapse-step-20.png')
  expect(png.bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a')
  expect(png.bytes.length).toBeGreaterThan(10_000)
  expect(errors).toEqual([])
})

test('an embed link in an iframe shows the view and steps with its own keys only', async ({
  page,
  baseURL,
}) => {
  const errors = watchErrors(page)
  const src = new URL(`${reportedLink('exec-stack-vs-migration')}&at=0&view=embed`, baseURL).href
  // A course page, with a field of its own that uses the arrow keys (served beside the app: a
  // page on a public origin may not frame a loopback address).
  const host = new URL('course-page.html', baseURL).href
  await page.route(host, (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Course</title><input id="notes" aria-label="Notes">
        <iframe title="Interleave" src="${src}" width="1200" height="800"></iframe>
        <script>window.hostKeys = []; addEventListener('keydown', (e) => hostKeys.push(e.key))</script>`,
    })
  )
  await page.goto(host)
  const frame = page.frameLocator('iframe[title="Interleave"]')
  await expect(frame.locator('.timeline')).toBeVisible()
  await expect(frame.locator('.picture-svg')).toBeVisible()
  await expect(frame.getByRole('region', { name: 'Narration' })).toBeVisible()
  // No header, no panels.
  await expect(frame.locator('header.top')).toHaveCount(0)
  await expect(frame.getByRole('button', { name: 'Check every interleaving' })).toHaveCount(0)
  const counter = frame.locator('.controls .position')
  await expect(counter).toHaveText(/step 0 \//)
  // Keys typed in the host page stay there.
  await page.locator('#notes').click()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('End')
  await expect(counter).toHaveText(/step 0 \//)
  expect(await page.evaluate(() => (window as unknown as { hostKeys: string[] }).hostKeys)).toEqual([
    'ArrowRight',
    'End',
  ])
  // A click in the frame gives it the keys; the host hears none of them.
  await frame.getByRole('region', { name: 'Narration' }).click()
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  await expect(counter).toHaveText(/step 2 \//)
  await page.keyboard.press('ArrowLeft')
  await expect(counter).toHaveText(/step 1 \//)
  expect(await page.evaluate(() => (window as unknown as { hostKeys: string[] }).hostKeys)).toHaveLength(2)
  // The frame's link keeps saying it is an embed, and offers the full page.
  await expect(frame.getByRole('link', { name: /Open in Interleave/ })).toHaveAttribute(
    'href',
    /^\.\/#\/exec-stack-vs-migration\?/
  )
  expect(errors).toEqual([])
})

test('on a 390 px phone the picture stacks within the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto(reportedLink('retract-pt-vs-uffd-copy'))
  await expect(page.locator('.picture-svg')).toHaveAttribute('data-orientation', 'tall')
  const box = await page.locator('.picture-svg').boundingBox()
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true)
  // The whole page (header included) is issue 13 item 7's test; the picture adds no overflow.
  const panel = await page.locator('.state-panel').boundingBox()
  expect(panel && panel.x + panel.width <= 390).toBe(true)
})
