import { expect, test } from '@playwright/test'

import { expectAxeClean, skipTour } from './a11y'
import { IDS, pageRunSteps, stepCounter, watchErrors } from './helpers'
import { fit, smallestVisibleText, timelineLabels } from './layout'

/** Steps the page shows for a scenario's reported interleaving (completed by its policy). */
const reportedSteps = pageRunSteps

test.beforeEach(async ({ page }) => {
  await skipTour(page)
})

for (const id of IDS) {
  test(`${id}: lecture mode fits at 1280×720 and 1920×1080 in large type, and Esc leaves it`, async ({
    page,
  }) => {
    const errors = watchErrors(page)
    for (const [width, height, least] of [
      [1280, 720, 18],
      [1920, 1080, 24],
    ] as const) {
      await page.setViewportSize({ width, height })
      const n = reportedSteps(id)
      for (const at of [0, Math.floor(n / 2), n]) {
        await page.goto(`./#/${id}?view=lecture&at=${String(at)}`)
        await expect(page.locator('.app.lecture')).toBeVisible()
        expect(await stepCounter(page)).toBe(`step ${String(at)} / ${String(n)}`)
        const f = await fit(page)
        expect(f.scrolls, `${String(width)}×${String(height)} at step ${String(at)}: no page scroll`).toBe(
          false
        )
        expect(f.timelineBottom).toBeLessThanOrEqual(height)
        expect(f.narrationTop).toBeLessThan(height - 60)
        expect(f.stateTop).toBeLessThan(height - 60)
        const small = await smallestVisibleText(page)
        expect(small?.size ?? least, `smallest text "${small?.text ?? ''}"`).toBeGreaterThanOrEqual(least)
      }
      const labels = await timelineLabels(page)
      expect(labels).toEqual({ blocks: labels.blocks, cut: [], overlaps: [], lanes: 0, unnamed: 0 })
      await expect(page).toHaveURL(/view=lecture/)
    }
    await expectAxeClean(page, 'in lecture mode')
    await page.keyboard.press('Escape')
    await expect(page.locator('.app.lecture')).toHaveCount(0)
    await expect(page).not.toHaveURL(/view=lecture/)
    expect(errors).toEqual([])
  })

  test(`${id}: a bare link opens the reported run; keys step, undo and never destroy; axe is clean`, async ({
    page,
  }) => {
    const errors = watchErrors(page)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.setViewportSize({ width: 1440, height: 900 })
    const n = reportedSteps(id)
    await page.goto(`./#/${id}`)
    expect(await stepCounter(page)).toBe(`step 0 / ${String(n)}`)
    await expect(page).toHaveURL(/s=[A-H]/)
    const reported = page.url()
    const labels = await timelineLabels(page)
    expect(labels).toEqual({ blocks: n, cut: [], overlaps: [], lanes: 0, unnamed: 0 })
    await expectAxeClean(page, 'at the first step')
    await page.keyboard.press('PageDown')
    expect(await stepCounter(page)).toBe(`step 1 / ${String(n)}`)
    await page.keyboard.press('PageUp')
    expect(await stepCounter(page)).toBe(`step 0 / ${String(n)}`)

    // Keys do nothing behind the shortcuts dialog; Esc closes it.
    await page.keyboard.press('?')
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
    for (const key of ['ArrowRight', 'PageDown', 'End', 'a', 'Control+z']) await page.keyboard.press(key)
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()
    expect(await stepCounter(page)).toBe(`step 0 / ${String(n)}`)

    // Space on a focused button presses that button, and does not play.
    await page.getByRole('button', { name: /^Copy link/ }).focus()
    await page.keyboard.press('Space')
    await expect(page.locator('.share')).toHaveText('Link copied')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`#/${id}?`)
    await page.waitForTimeout(700)
    expect(await stepCounter(page)).toBe(`step 0 / ${String(n)}`)
    await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()

    // A thread's letter changes the interleaving; Ctrl+Z restores the link, Ctrl+Shift+Z redoes.
    const letter = (await page.locator('.run button:not([disabled])').first().innerText()).slice(-1)
    await page.locator('h1').click()
    await page.keyboard.press(letter.toLowerCase())
    await expect(page).toHaveURL(new RegExp(`s=${letter}&at=1`))
    await page.keyboard.press('Control+z')
    await expect.poll(() => page.url()).toBe(reported)
    await page.keyboard.press('Control+Shift+Z')
    await expect(page).toHaveURL(new RegExp(`s=${letter}&at=1`))
    // The browser's Back returns to the interleaving before that change.
    await page.goBack()
    await expect.poll(() => stepCounter(page)).toBe(`step 0 / ${String(n)}`)
    await expect(page).toHaveURL(/s=[A-H]\d/)
    await page.keyboard.press('End')
    expect(await stepCounter(page)).toBe(`step ${String(n)} / ${String(n)}`)
    await expectAxeClean(page, 'at the last step')
    expect(errors).toEqual([])
  })

  test(`${id}: the Step forward button keeps its place at every step`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto(`./#/${id}`)
    const forward = page.getByRole('button', { name: 'Step forward' })
    const first = await forward.boundingBox()
    const n = reportedSteps(id)
    for (let i = 0; i < n; i++) {
      await page.keyboard.press('ArrowRight')
      expect(await forward.boundingBox(), `after step ${String(i + 1)}`).toEqual(first)
    }
    await expect(page.locator('.banner.bad').first()).toBeVisible()
    // A refused thread letter (its notice) does not move it either.
    const blocked = page.locator('.run button[disabled]').first()
    if ((await blocked.count()) > 0) {
      await page.keyboard.press((await blocked.innerText()).slice(-1).toLowerCase())
      await expect(page.locator('.notice')).toBeVisible()
      expect(await forward.boundingBox()).toEqual(first)
    }
  })

  test(`${id}: at 390×844 and 1024×768 nothing scrolls sideways, the header is reachable, blocks answer a tap`, async ({
    browser,
  }) => {
    const ctx = await browser.newContext({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      reducedMotion: 'reduce',
    })
    const page = await ctx.newPage()
    await skipTour(page)
    await page.goto(`./#/${id}`)
    for (const [width, height] of [
      [390, 844],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height })
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
      for (const c of await page.locator('header.top').locator('a, button, select').all()) {
        const b = await c.boundingBox()
        expect(b && b.x >= 0 && b.x + b.width <= width).toBe(true)
      }
    }
    await page.setViewportSize({ width: 390, height: 844 })
    await page.locator('.tl-grid .block').nth(2).tap()
    expect(await stepCounter(page)).toBe(`step 3 / ${String(reportedSteps(id))}`)
    await ctx.close()
  })
}

test('the home page and the explorer results have no serious accessibility violation', async ({ page }) => {
  await page.goto('./')
  await expectAxeClean(page, 'on the home page')
  await page.goto('./#/gup-fast-vs-thp-collapse')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  await expect(page.locator('.badge.final')).toBeVisible()
  await expectAxeClean(page, 'with the explorer results open')
})

test('timeline blocks rove with the arrows, the skip link passes the steps, each step is announced', async ({
  page,
}) => {
  await page.goto('./#/gup-fast-vs-thp-collapse?at=3')
  const current = page.locator('.tl-grid .block[tabindex="0"]')
  await expect(current).toHaveCount(1)
  await expect(current).toHaveAttribute('data-i', '2')
  await current.focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.tl-grid .block[data-i="3"]')).toBeFocused()
  expect(await stepCounter(page)).toBe('step 3 / 43')
  await page.keyboard.press('Enter')
  expect(await stepCounter(page)).toBe('step 4 / 43')
  await expect(page.locator('.sr-only[aria-live="polite"]')).toHaveText(/^Step 4 of 43: A ran \S+\.$/)
  const skip = page.getByRole('link', { name: 'Skip the list of steps' })
  await skip.focus()
  await page.keyboard.press('Enter')
  await expect(page.locator('#after-steps')).toBeFocused()
  await expect(page).toHaveURL(/#\/gup-fast-vs-thp-collapse\?/)
  // Zoom: the whole run fits the width; Z goes back to following the step.
  await page.locator('h1').click()
  await page.keyboard.press('z')
  await expect(page.getByRole('button', { name: 'Fit whole run' })).toHaveAttribute('aria-pressed', 'true')
  expect(await page.locator('.timeline-scroll').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
  await page.keyboard.press('z')
  await expect(page.getByRole('button', { name: 'Follow step' })).toHaveAttribute('aria-pressed', 'true')
})

test("a fix's tooltip closes on Esc and when the pointer leaves; '.' blanks the screen", async ({ page }) => {
  await page.goto('./#/gup-fast-vs-thp-collapse')
  const box = page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD/ })
  const tip = page.getByRole('tooltip').filter({ hasText: '70cbc3cc78a9' })
  await box.focus()
  await expect(tip).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(tip).toBeHidden()
  await box.blur()
  await box.hover()
  await expect(tip).toBeVisible()
  await page.mouse.move(5, 700)
  await expect(tip).toBeHidden()
  // Toggling the fix is undoable too.
  await box.check()
  await expect(page).toHaveURL(/with=gup-pmd-recheck/)
  await page.keyboard.press('Control+z')
  await expect(box).not.toBeChecked()
  await page.locator('h1').click()
  await page.keyboard.press('.')
  await expect(page.locator('.blank-screen')).toBeVisible()
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.blank-screen')).toHaveCount(0)
  expect(await stepCounter(page)).toBe('step 0 / 43')
})

test('a first visit gets a short tour that can be skipped, and not again', async ({ browser }) => {
  const ctx = await browser.newContext({ reducedMotion: 'reduce' })
  const page = await ctx.newPage()
  await page.goto('./#/exec-stack-vs-migration')
  const tour = page.getByRole('complementary', { name: 'First-visit tour' })
  await expect(tour).toContainText('1/4 · The lanes')
  await expect(page.locator('.timeline.tour-target')).toHaveCount(1)
  await tour.getByRole('button', { name: 'Next' }).click()
  await expect(tour).toContainText('2/4 · The state')
  await tour.getByRole('button', { name: 'Skip the tour' }).click()
  await expect(tour).toHaveCount(0)
  await page.reload()
  await expect(page.locator('.scenario-head h1')).toBeVisible()
  await expect(tour).toHaveCount(0)
  await ctx.close()
})

test('a livelock cycle loaded from the explorer is marked on the timeline and scrolled into view', async ({
  page,
}) => {
  await page.goto('./#/device-private-fault-livelock')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  await page.getByRole('button', { name: /Load the shortest schedule reaching Livelock/ }).click()
  const mark = page.locator('.cycle-mark')
  await expect(mark).toContainText('livelock cycle')
  const inView = async () => {
    const [m, s] = await Promise.all([mark.boundingBox(), page.locator('.timeline-scroll').boundingBox()])
    return m !== null && s !== null && m.x < s.x + s.width && m.x + m.width > s.x
  }
  await expect.poll(inView).toBe(true)
})
