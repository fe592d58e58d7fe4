import { expect, test, type Page } from '@playwright/test'

import { reportedLink, watchErrors } from './helpers'

/**
 * Open a link and ask the Explore panel to check every interleaving. Returns every text the
 * early badge has shown since: a search can end soon after an early answer, and the final badge
 * then takes the early one's place faster than a test polls, so the page itself records them.
 */
async function openAndCheck(page: Page, link: string): Promise<() => Promise<string[]>> {
  await page.goto(link)
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { seen: string[] }).seen = seen
    new MutationObserver(() => {
      const t = document.querySelector('.explore .badge.early')?.textContent
      if (t && seen.at(-1) !== t) seen.push(t)
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  return () => page.evaluate(() => (window as unknown as { seen: string[] }).seen)
}

test('the explorer answers "does any interleaving break?", and re-answers when a fix is toggled', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openAndCheck(page, reportedLink('gup-fast-vs-thp-collapse'))
  const badge = page.locator('.explore .badge.final')
  await expect(badge).toHaveText(/^[\d,]+ of [\d,]+ interleavings break$/)
  await expect(page.locator('.outcome-table tr', { hasText: 'GUP returned a stale page' })).toContainText(
    'yes'
  )
  // Switching on the merged fix re-runs the check by itself.
  await page.getByRole('checkbox', { name: /GUP-fast rechecks the PMD after pinning/ }).check()
  await expect(badge).toHaveText(/^0 of [\d,]+ interleavings break$/)
  await expect(page.locator('.outcome-table tr', { hasText: 'GUP returned a stale page' })).toContainText(
    'no'
  )
  expect(errors).toEqual([])
})

test('a schedule the explorer found loads into the timeline with one click', async ({ page }) => {
  const errors = watchErrors(page)
  await openAndCheck(page, reportedLink('exec-stack-vs-migration'))
  await page
    .getByRole('button', {
      name: 'Load the shortest schedule reaching kernel BUG at include/linux/swapops.h:105!',
    })
    .click()
  await expect(page.locator('.banner.bad[data-outcome="bug-swapops"]')).toBeVisible()
  await expect(page).toHaveURL(/s=[A-C0-9]+/)
  expect(errors).toEqual([])
})

test('a livelock shows its cycle, and loading it replays into the livelock', async ({ page }) => {
  await openAndCheck(page, './#/device-private-fault-livelock?s=A&at=0')
  await expect(page.locator('.explore .badge.final')).toContainText('livelock reachable')
  await page.getByRole('button', { name: /Load the shortest schedule reaching Livelock/ }).click()
  await expect(page.locator('.cycle')).toContainText('repeat forever')
  await expect(page.locator('.cycle-steps li').first()).toBeVisible()
  await expect(page.locator('.banner.bad[data-outcome="livelock"]')).toBeVisible()
  await page.locator('.explore').screenshot({ path: 'test-results/screens/explore-livelock.png' })
})

test('a budget ends in an explicit "incomplete" answer, and Cancel stops a run', async ({ page }) => {
  await page.goto(`${reportedLink('migration-vs-shmem-fault')}&at=0`)
  await page.getByRole('combobox', { name: 'State budget' }).selectOption('10000')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  await expect(page.locator('.explore .badge.final')).toHaveText(
    'incomplete after 10000 states (state budget): no verdict'
  )
  // One of the largest graphs (a few seconds), so that Cancel meets a run still going.
  await page.goto('./#/device-private-fault-livelock?with=four-threads,uvm-driver-bailout&s=A&at=0')
  await page.getByRole('combobox', { name: 'State budget' }).selectOption('5000000')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(page.locator('.explore .verdict')).toHaveText('cancelled')
  // The page stayed responsive throughout: stepping still works.
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('.controls .position')).toContainText('step 1')
})

test('a race that breaks says so as soon as the first broken interleaving is found, then counts them all', async ({
  page,
}) => {
  const errors = watchErrors(page)
  const seen = await openAndCheck(page, './#/migration-vs-shmem-fault?with=drop-from-pagecache&s=A&at=0')
  // This race has a retry loop, so the count of interleavings is unbounded.
  await expect(page.locator('.explore .badge.final')).toHaveText(/^Some interleavings break \(.*data lost/)
  await expect(page.locator('.explore .badge.early')).toHaveCount(0)
  // Breadth-first, so the first bad outcome the search met came with a shortest schedule to it,
  // shown while the count went on.
  expect((await seen()).at(-1)).toMatch(
    /^Breaks: .+ is reachable \(shortest \d+ steps, found after [\d.]+ m?s\)/
  )
  expect(errors).toEqual([])
})

test('a race that breaks often is reported by the quick walks first, then with its shortest schedule', async ({
  page,
}) => {
  const errors = watchErrors(page)
  const badges = await openAndCheck(page, './#/migration-vs-shmem-fault?s=A&at=0')
  // The whole graph (89,055 states since the unfair folio lock) can take seconds on a busy machine.
  await expect(page.locator('.explore .badge.final')).toContainText('Some interleavings break', {
    timeout: 30_000,
  })
  const seen = await badges()
  expect(seen[0]).toMatch(/^Breaks: .+ is reachable \(a quick search found a \d+-step schedule after/)
  expect(seen.at(-1)).toMatch(/\(shortest \d+ steps, found after/)
  expect(errors).toEqual([])
})

test('a livelock in a large graph is shown by the quick walks long before the whole graph is analysed', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openAndCheck(page, './#/device-private-fault-livelock?with=four-threads&s=A&at=0')
  await expect(page.locator('.explore .badge.early')).toContainText(
    /^Breaks: a livelock is reachable \(a quick search found a fair cycle with no progress/
  )
  // Its schedule replays into the livelock while the analysis goes on.
  await page.getByRole('button', { name: 'load it' }).click()
  await expect(page.locator('.banner.bad[data-outcome="livelock"]')).toBeVisible()
  await expect(page.locator('.explore .badge.final')).toHaveText(
    'livelock reachable: a fair cycle never makes progress',
    { timeout: 30_000 }
  )
  expect(errors).toEqual([])
})

test('four faulting threads (the Xe report) get the whole answer in the page, as real schedules', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await openAndCheck(page, './#/device-private-fault-livelock?with=four-threads&s=A&at=0')
  // The symmetry reduction keeps one state per arrangement of the four interchangeable threads:
  // the search completes (it stopped at the 2,000,000-state budget without it).
  await expect(page.locator('.explore .badge.final')).toHaveText(
    'livelock reachable: a fair cycle never makes progress',
    { timeout: 30_000 }
  )
  await expect(page.locator('.explore-stats')).toContainText(
    'each state stands for up to 24 arrangements of them'
  )
  await expect(page.locator('.outcome-table tr', { hasText: 'Every thread read its data' })).toContainText(
    'yes'
  )
  // The cycle is in real thread letters, all four of them, and loads into the livelock.
  await expect(page.locator('.cycle')).toContainText('Threads running in it: ')
  await page.getByRole('button', { name: /Load the shortest schedule reaching Livelock/ }).click()
  await expect(page.locator('.banner.bad[data-outcome="livelock"]')).toBeVisible()
  await page.locator('.explore').screenshot({ path: 'test-results/screens/explore-four-threads.png' })
  expect(errors).toEqual([])
})

test('on a 390 px phone each outcome is a block: every schedule button is on screen and loads', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.setViewportSize({ width: 390, height: 844 })
  await openAndCheck(page, reportedLink('gup-fast-vs-thp-collapse'))
  await expect(page.locator('.explore .badge.final')).toHaveText(/interleavings break$/)
  const row = page.getByRole('row', { name: /GUP returned a stale page/ })
  await expect(row.getByRole('cell').first()).toHaveText('yes')
  const buttons = page.locator('.outcome-table button.load')
  expect(await buttons.count()).toBeGreaterThan(3)
  for (const b of await buttons.all()) {
    const box = await b.boundingBox()
    expect(box, 'a schedule button is laid out').not.toBeNull()
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390)
  }
  // The panel itself does not scroll sideways.
  const overflow = await page.locator('.explore').evaluate((el) => el.scrollWidth - el.clientWidth)
  expect(overflow).toBeLessThanOrEqual(1)
  await page.locator('.explore').screenshot({ path: 'test-results/screens/explore-phone.png' })
  await row
    .getByRole('button', { name: /Load the shortest schedule reaching GUP returned a stale page/ })
    .click()
  await expect(page.locator('.banner.bad[data-outcome="stale-gup-page"]')).toBeVisible()
  expect(errors).toEqual([])
})
