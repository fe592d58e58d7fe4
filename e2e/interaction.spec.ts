import { expect, test, type Page } from '@playwright/test'

import { expectBanner, reportedLink, stepCounter, watchErrors } from './helpers'

const GUP = 'gup-fast-vs-thp-collapse'

function schedule(page: Page): string {
  return new URL(page.url()).hash.match(/s=([A-Z0-9]+)/)?.[1] ?? ''
}

test('a person picks a race from the list and steps through it with the keyboard', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./')
  await page.getByRole('button', { name: /THP collapse vs GUP-fast/ }).click()
  await expect(page.getByRole('heading', { level: 1 })).toContainText('THP collapse vs GUP-fast')
  expect(await stepCounter(page)).toBe('step 0 / 43')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  expect(await stepCounter(page)).toBe('step 2 / 43')
  await expect(page.locator('.narration .now h3')).toContainText('gup_pmd_range')
  await page.keyboard.press('ArrowLeft')
  expect(await stepCounter(page)).toBe('step 1 / 43')
  await page.keyboard.press('End')
  expect(await stepCounter(page)).toBe('step 43 / 43')
  await expectBanner(page, 'GUP returned a stale page')
  await page.keyboard.press('Home')
  expect(await stepCounter(page)).toBe('step 0 / 43')
  // A letter runs that thread next: the interleaving continues from here with A.
  await page.keyboard.press('a')
  // The rest of the run is completed by the page, so it still ends in an outcome.
  expect(await stepCounter(page)).toMatch(/^step 1 \/ \d+$/)
  await expect(page.locator('.narration .now h3')).toContainText('collapse_huge_page')
  await expect.poll(() => schedule(page)).toBe('A')
  // The URL always reflects the view.
  await expect(page).toHaveURL(new RegExp(`#/${GUP}\\?s=A&at=1(&v=\\d+)?$`))
  expect(errors).toEqual([])
})

test('a step is reordered with the keyboard, keeping the outcome up to date', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto(reportedLink(GUP))
  await expect.poll(() => schedule(page)).toBe('B3A14B5A16C3D2')
  // dnd-kit's keyboard sensor: Space picks the step up, the arrows move it, Space drops it.
  const chip = page.locator('.chips > li').nth(3)
  await expect(chip).toContainText('A1')
  await chip.focus()
  // dnd-kit measures the list between key presses; give it a frame each time.
  for (const key of ['Space', 'ArrowLeft', 'Space']) {
    await page.keyboard.press(key)
    await page.waitForTimeout(150)
  }
  await expect.poll(() => schedule(page)).toBe('B2ABA13B5A16C3D2')
  // Alt+→ moves the selected step back again (the alternative to dragging).
  await page.locator('.chips > li').nth(2).focus()
  await page.keyboard.press('Alt+ArrowRight')
  await expect.poll(() => schedule(page)).toBe('B3A14B5A16C3D2')
  await page.keyboard.press('End')
  await expectBanner(page, 'GUP returned a stale page')
  expect(errors).toEqual([])
})

test('a step is reordered by dragging it', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto(reportedLink(GUP))
  await page.locator('.chips > li').nth(3).scrollIntoViewIfNeeded()
  const from = await page.locator('.chips > li').nth(3).boundingBox()
  const to = await page.locator('.chips > li').nth(1).boundingBox()
  if (!from || !to) throw new Error('no chips')
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 12, from.y + from.height / 2)
  await page.mouse.up()
  await expect.poll(() => schedule(page)).toMatch(/^BAB2A13/)
  expect(errors).toEqual([])
})

test('an order that makes a thread wait is answered, not refused: its slots are skipped and the run completed', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.goto('./#/device-private-fault-livelock?s=A5B5A16B17A17B17')
  // B's sixth step is the one after it queued on the driver lock; A still holds the lock at 21.
  await page.locator('.chips > li').nth(26).focus()
  for (let i = 0; i < 7; i++) await page.keyboard.press('Alt+ArrowLeft')
  await expect(page.locator('.notice').last()).toContainText('B is sleeping on driver_lock, held by A')
  await expect(page.locator('.notice').last()).toContainText('skipped')
  // The arrows belong to the strip while a step has the focus; the page's keys work elsewhere.
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('End')
  await expect(page.locator('.banner.ending')).toBeVisible()
  expect(errors).toEqual([])
})

test('switching on the merged fix makes the bad outcome go, and says where the run diverges', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.goto(reportedLink(GUP))
  await expectBanner(page, 'GUP returned a stale page')
  await page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD after pinning/ }).check()
  await expect(page.locator('.banner.bad')).toHaveCount(0)
  await expect(page.locator('.banner.diverge')).toContainText(
    'diverges at step 19: now B gup_pte_range(): recheck the PMD (the fix)'
  )
  await expect(page).toHaveURL(/with=gup-pmd-recheck/)
  // With the fix, B backs off to the slow path, so the old order runs out: the page says which
  // slot could not run, completes the run and says how it ends.
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('End')
  await expect(page.locator('.banner.bad')).toHaveCount(0)
  await expect(page.locator('.banner.completed')).toContainText(
    'C is sleeping in wait_for_completion(gup_done)'
  )
  await expect(page.locator('.banner.ending[data-ending="finished"]')).toBeVisible()
  expect(errors).toEqual([])
})

test('the provenance of a fix shows on focus', async ({ page }) => {
  await page.goto(reportedLink(GUP))
  await page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD/ }).focus()
  await expect(page.getByRole('tooltip').filter({ hasText: '70cbc3cc78a9' })).toBeVisible()
})

test('a shared link reproduces the view exactly in a fresh browser', async ({ page, browser }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto(reportedLink('exec-stack-vs-migration'))
  await page.getByRole('checkbox', { name: /Lock only the VMA change/ }).check()
  // The arrows belong to the checkbox while it has the focus; the page's keys work elsewhere.
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('Home')
  for (let i = 0; i < 9; i++) await page.keyboard.press('ArrowRight')
  // Copied straight after the last key, before the URL's throttled write would have landed.
  await page.getByRole('button', { name: 'Copy a link to exactly this view' }).click()
  await expect(page.locator('.share')).toHaveText('Link copied')
  const url = await page.evaluate(() => navigator.clipboard.readText())
  expect(url).toContain('at=9')
  const narration = await page.locator('.narration .now').innerText()
  const other = await browser.newContext({ reducedMotion: 'reduce' })
  const fresh = await other.newPage()
  const errors = watchErrors(fresh)
  await fresh.goto(url)
  expect(await stepCounter(fresh)).toBe(await stepCounter(page))
  expect(await fresh.locator('.narration .now').innerText()).toBe(narration)
  await expect(fresh.getByRole('checkbox', { name: /Lock only the VMA change/ })).toBeChecked()
  expect(errors).toEqual([])
  await other.close()
})

test('a malformed link opens the list with a clear message, never a blank page', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./#/gup-fast-vs-thp-collapse?s=A2?B')
  await expect(page.locator('.notice.error')).toContainText(
    'could not be opened: The schedule in the link is malformed'
  )
  await expect(page.getByRole('heading', { name: 'Pick a race' })).toBeVisible()
  await page.goto('./#/no-such-race')
  await expect(page.locator('.notice.error').last()).toContainText('does not have')
  await page.goto('./#%%%garbage')
  await expect(page.getByRole('heading', { name: 'Pick a race' })).toBeVisible()
  expect(errors).toEqual([])
})

test('a link from an older scenario version opens and says what no longer matches', async ({ page }) => {
  await page.goto('./#/gup-fast-vs-thp-collapse?with=gup-pmd-recheck,gone-fix&s=B3A14B5A16C3D2D9&at=40&v=0')
  const notice = page.locator('.notice.error')
  await expect(notice).toContainText('made for version 0 of this scenario, which is now version 2')
  // The scenario's own account of what changed since.
  await expect(notice).toContainText(
    '(what changed in version 2: No step added or removed: schedules replay as before.'
  )
  await expect(notice).toContainText('gone-fix no longer exists')
  await expect(notice).toContainText('could not run and were skipped')
  await expect(page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD/ })).toBeChecked()
})

test('lecture mode and the shortcut list are one key away', async ({ page }) => {
  await page.goto(reportedLink(GUP))
  await expect(page.getByRole('heading', { level: 1 })).toContainText('THP collapse vs GUP-fast')
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toBeHidden()
  await page.keyboard.press('l')
  await expect(page.locator('.app.lecture')).toBeVisible()
  await expect(page.locator('.toggles')).toHaveCount(0)
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.screenshot({ path: 'test-results/screens/lecture-1280x720.png' })
})

test('clicking a timeline block jumps there, and Space plays and pauses', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto(`${reportedLink(GUP)}&at=0`)
  await page.locator('.tl-grid .block').nth(17).click()
  expect(await stepCounter(page)).toBe('step 18 / 43')
  await expect(page.locator('.narration .now h3')).toContainText('try_grab_folio')
  await page.locator('select[aria-label^="Playback speed"]').selectOption('8')
  // Space on a focused button or field is that control's; on the page it plays and pauses.
  await page.locator('h1').click()
  await page.keyboard.press('Space')
  await expect.poll(async () => Number((await stepCounter(page)).split(' ')[1])).toBeGreaterThan(21)
  await page.keyboard.press('Space')
  const paused = await stepCounter(page)
  await page.waitForTimeout(400)
  expect(await stepCounter(page)).toBe(paused)
  expect(errors).toEqual([])
})

test('the timeline keeps the current step in view, on opening a link and while stepping', async ({
  page,
}) => {
  const inView = async (n: number) => {
    const block = page.locator('.timeline').getByLabel(new RegExp(`^Step ${String(n)}: `))
    const [b, s] = await Promise.all([block.boundingBox(), page.locator('.timeline-scroll').boundingBox()])
    return b !== null && s !== null && b.x >= s.x && b.x + b.width <= s.x + s.width
  }
  // A link that opens at its last step, far to the right of the first screenful.
  await page.goto(reportedLink('migration-vs-shmem-fault'))
  const total = Number((await stepCounter(page)).split('/')[1])
  await expect.poll(() => inView(total)).toBe(true)
  await page.keyboard.press('Home')
  await expect.poll(() => inView(1)).toBe(true)
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight')
  await expect.poll(() => inView(40)).toBe(true)
})

test('a changed value flashes, and simply appears when the reader asks for reduced motion', async ({
  page,
}) => {
  await page.goto(`${reportedLink(GUP)}&at=0`)
  // The state picture (the default view) highlights a changed row as the Details cards do.
  const flash = page.locator('.picture-svg .pflash').first()
  /** Step until a step changes a value on screen; the highlight's opacity right then. */
  const opacityNow = async () => {
    for (let i = 0; i < 43; i++) {
      await page.keyboard.press('ArrowRight')
      if ((await flash.count()) > 0) return flash.evaluate((el) => Number(getComputedStyle(el).opacity))
    }
    throw new Error('no step changed a highlighted value')
  }
  // The tests run with reduced motion: the highlight is at rest at once.
  expect(await opacityNow()).toBeCloseTo(0.35, 2)
  await page.keyboard.press('Home')
  await page.emulateMedia({ reducedMotion: 'no-preference' })
  // Otherwise it starts bright and fades.
  expect(await opacityNow()).toBeGreaterThan(0.5)
  await expect.poll(() => flash.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeCloseTo(0.35, 2)
})

test("holding an arrow key leaves an exact URL, past the browser's cap on history updates", async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.goto(reportedLink(GUP))
  // 301 jumps between the ends in a few seconds: Chromium ignores history updates past 200 in
  // 10 s, so a URL written on every step would be left behind.
  for (let i = 0; i < 301; i++) await page.keyboard.press(i % 2 === 0 ? 'Home' : 'End')
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  expect(await stepCounter(page)).toBe('step 3 / 43')
  await expect(page).toHaveURL(/s=B3A14B5A16C3D2&at=3(&v=\d+)?$/)
  await page.reload()
  expect(await stepCounter(page)).toBe('step 3 / 43')
  expect(errors).toEqual([])
})
