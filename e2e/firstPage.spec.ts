import { expect, test } from '@playwright/test'

test('the first page lists the race and shows its reported interleaving with the outcome', async ({
  page,
}) => {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto('./')
  await expect(page.getByRole('heading', { name: 'Interleave', level: 1 })).toBeVisible()
  const race = page.getByRole('button', { name: /THP collapse vs GUP-fast/ })
  await race.click()
  await expect(race).toHaveAttribute('aria-pressed', 'true')
  const steps = page.locator('ol.steps > li')
  await expect(steps).toHaveCount(43)
  await expect(steps.first()).toContainText('lockless_pages_from_mm')
  await expect(steps.first().getByRole('link')).toHaveAttribute(
    'href',
    /elixir\.bootlin\.com\/linux\/v6\.0-rc7\/source\/mm\/gup\.c/
  )
  await expect(page.getByRole('status').first()).toContainText('GUP returned a stale page')
  await page.screenshot({ path: 'test-results/first-page.png', fullPage: true })
  expect(errors).toEqual([])
})
