import { expect, test, type Page } from '@playwright/test'

import { IDS, reportedLink, scenario, watchErrors } from './helpers'

const GUP = 'gup-fast-vs-thp-collapse'

/** The page's keys work when no control has the focus. */
async function toEnd(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('End')
}

test('moving B6 before A12c.0 by keyboard answers with a run to its outcome and the new and vanished steps', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.goto(reportedLink(GUP))
  const chips = page.locator('.chips > li')
  const labels = await chips.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))
  const b6 = labels.findIndex((l) => /^\d+ B B6: /.test(l))
  const check = labels.findIndex((l) => /^\d+ A A12c\.0: /.test(l))
  expect(b6).toBeGreaterThan(check)
  await chips.nth(b6).focus()
  for (let i = 0; i < b6 - check; i++) await page.keyboard.press('Alt+ArrowLeft')
  const changed = page.locator('.banner.diverge')
  await expect(changed).toContainText('now B try_grab_folio(): pin P0')
  await expect(changed.locator('.added')).toContainText('extra reference: SCAN_PAGE_COUNT')
  await expect(changed.locator('.vanished')).toContainText('A isolate_lru_page(): isolate P0 from the LRU')
  await toEnd(page)
  await expect(page.locator('.banner.ending[data-ending="finished"]')).toContainText('every thread finished')
  await expect(page.locator('.banner.bad')).toHaveCount(0)
  await page.screenshot({ path: 'test-results/screens/whatif-reorder.png', fullPage: true })
  expect(errors).toEqual([])
})

test('toggling each fix of each race ends in an outcome, a cycle or an explicit deadlock, never "stops here"', async ({
  page,
}) => {
  test.setTimeout(180_000)
  const errors = watchErrors(page)
  for (const id of IDS) {
    const sc = scenario(id)
    await page.goto(`./?race=${id}${reportedLink(id).slice(1)}`)
    for (const t of sc.toggles) {
      const box = page.getByRole('checkbox', {
        name: new RegExp(`^${t.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      })
      const was = await box.isChecked()
      await box.click()
      await toEnd(page)
      // A refused combination (alternative fixes) leaves the run as it was: it still ends.
      await expect(page.locator('.banner.ending'), `${id} ${t.id}`).toHaveAttribute(
        'data-ending',
        /^(finished|deadlock|livelock|cycle)$/
      )
      await expect(page.locator('.banner.stop')).toHaveCount(0)
      if ((await box.isChecked()) !== was) await box.click()
      // The focused toggle's provenance tip would cover the next one.
      await page.getByRole('heading', { level: 1 }).click()
    }
  }
  expect(errors).toEqual([])
})

test('the diff view opens from a toggle and from two explorer schedules, and its link reopens it', async ({
  page,
  browser,
}) => {
  const errors = watchErrors(page)
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(reportedLink(GUP))
  await page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD after pinning/ }).check()
  // The focused toggle shows its provenance tip over the banner below it; move on first.
  await page.getByRole('heading', { level: 1 }).click()
  await page.getByRole('button', { name: 'show both runs side by side' }).click()
  const diff = page.locator('section.diff')
  await expect(diff.locator('.diff-first')).toContainText(
    'First divergence at step 19: this run B gup_pte_range(): recheck the PMD (the fix)'
  )
  await expect(diff.locator('tr.first')).toBeVisible()
  await expect(diff.locator('td.fields').filter({ hasText: 'folios.P0.refcount' }).first()).toBeVisible()
  await page.screenshot({ path: 'test-results/screens/whatif-diff.png', fullPage: true })
  await page.getByRole('button', { name: 'Copy a link to exactly this view' }).click()
  const url = await page.evaluate(() => navigator.clipboard.readText())
  expect(url).toMatch(/vswith=&|vswith=$|vswith=&v=|vswith=(&|$)/)
  const other = await browser.newContext({ reducedMotion: 'reduce' })
  const fresh = await other.newPage()
  await fresh.goto(url)
  await expect(fresh.locator('section.diff .diff-first')).toHaveText(
    await diff.locator('.diff-first').innerText()
  )
  await other.close()

  // "Copy as diagram": the run as a commit-message diagram, at most 75 columns.
  await page.getByRole('button', { name: /^(Copy as diagram|Diagram copied): / }).click()
  await expect(page.getByRole('button', { name: /^(Copy as diagram|Diagram copied): / })).toHaveText(
    'Diagram copied'
  )
  const text = await page.evaluate(() => navigator.clipboard.readText())
  expect(text).toMatch(/^ +CPU A +CPU B/m)
  expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(75)

  // Two of the explorer's schedules: the shortest and the one with the fewest switches.
  await page.getByRole('button', { name: 'Close the comparison' }).click()
  await page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD after pinning/ }).uncheck()
  await page.getByRole('heading', { level: 1 }).click()
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  await expect(page.locator('.explore .badge.final')).toHaveText(/interleavings break$/)
  await page
    .getByRole('button', {
      name: /^compare these two: the shortest schedule and the one with the fewest switches reaching GUP returned a stale page$/,
    })
    .click()
  await expect(page).toHaveURL(/vs=[A-D0-9]+/)
  await expect(diff.locator('.diff-side')).toHaveCount(2)
  await expect(diff.locator('.diff-side').nth(1)).toContainText('GUP returned a stale page')
  await page.reload()
  await expect(page.locator('section.diff .diff-side')).toHaveCount(2)
  await page
    .getByRole('button', {
      name: /^fewest switches \(\d+, \d+ steps\): load the schedule with the fewest context switches reaching GUP returned a stale page$/,
    })
    .count()
  expect(errors).toEqual([])
})
