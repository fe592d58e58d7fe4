import { expect, test } from '@playwright/test'

import { watchErrors } from './helpers'

const SHOTS = process.env.SHOTS_DIR

/**
 * A kernel reviewer turns on the fix that was merged in 2023, asks the explorer whether anything
 * still breaks, reads in the fix's own tip which outcome it leaves open, and adds the 2024 fix.
 */
test('retract-pt-vs-uffd-copy: the merged fix says what it leaves open, and the explorer agrees', async ({
  page,
}) => {
  const errors = watchErrors(page)
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto('./#/retract-pt-vs-uffd-copy?with=recheck-under-ptl,mmu-notifier')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  const badge = page.locator('.explore .badge.final')
  await expect(badge).toHaveText(/^[1-9][\d,]* of [\d,]+ interleavings break$/, { timeout: 60_000 })
  const row = (title: string) => page.locator('.outcome-table tr', { hasText: title })
  await expect(row('Kernel BUG in UFFDIO_COPY: the PMD vanished')).toContainText('yes')
  await expect(row('An anonymous PTE was freed with its table')).toContainText('no')

  // The merged recheck's own label and tip: what it closes, what it leaves.
  const recheck = page.locator('.toggle', {
    hasText: 'Merged: recheck anon_vma and uffd-wp under the PTE lock',
  })
  await expect(recheck.locator('label')).toContainText('alone, leaves 2 bad outcomes open')
  await recheck.getByRole('checkbox').focus()
  const tip = recheck.getByRole('tooltip')
  await expect(tip).toBeVisible()
  await expect(tip.getByRole('list', { name: 'What this change closes on its own' })).toContainText(
    'closes: An anonymous PTE was freed with its table'
  )
  await expect(tip).toContainText('leaves open: Kernel BUG in UFFDIO_COPY: the PMD vanished')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/004-merged-tip.png` })

  // The 2024 fix on top: nothing breaks any more.
  await page
    .getByRole('checkbox', { name: /Merged 2024: no BUG_ON if khugepaged yanks the page table/ })
    .check()
  await expect(badge).toHaveText(/^0 of [\d,]+ interleavings break$/, { timeout: 60_000 })
  await expect(row('Kernel BUG in UFFDIO_COPY: the PMD vanished')).toContainText('no')
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/004-with-2024-fix.png` })
  expect(errors).toEqual([])
})
