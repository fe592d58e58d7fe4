import { expect, test } from '@playwright/test'

import { IDS, reportedLink, scenario, watchErrors } from './helpers'

for (const id of IDS) {
  test(`${id}: the reported interleaving opens from a link and ends in its bad outcome`, async ({ page }) => {
    const errors = watchErrors(page)
    const sc = scenario(id)
    await page.goto(reportedLink(id))
    await expect(page.getByRole('heading', { level: 1, name: sc.title })).toBeVisible()
    const outcome = sc.outcomes.find((o) => o.id === sc.reported.outcome)
    expect(outcome?.severity).toBe('bad')
    await expect(page.locator(`.banner.bad[data-outcome="${sc.reported.outcome}"]`)).toContainText(
      outcome?.title ?? ''
    )
    // The banner sits in a live region, so screen readers announce it.
    await expect(page.locator('.outcomes [aria-live="assertive"]')).toContainText(outcome?.title ?? '')
    // Every step of the reported interleaving ran (none skipped); a run the report leaves
    // unfinished (readers that loop forever) is completed by the page after them.
    const steps = sc.reported.schedule.replace(/\s+/g, '')
    const n = [...steps.matchAll(/([A-H])(\d*)/g)].reduce((k, m) => k + Number(m[2] || 1), 0)
    await expect(page.locator('.banner.ending')).toBeVisible()
    expect(await page.locator('.chips > li').count()).toBeGreaterThanOrEqual(n)
    await expect(page.locator('.banner.completed', { hasText: 'skipped' })).toHaveCount(0)
    await expect(page.locator('.chips > li.impossible')).toHaveCount(0)
    await page.screenshot({ path: `test-results/screens/${id}.png`, fullPage: true })
    expect(errors).toEqual([])
  })
}
