import { expect, test } from '@playwright/test'

import { watchErrors } from './helpers'

const SHOTS = '/work/shots/f000'

test('an old link of the migration race says what changed in version 2', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./#/migration-vs-shmem-fault?s=A10B3&v=1')
  await expect(page.locator('.notice.error')).toContainText(
    /made for version 1 of this scenario, which is now version 2 \(what changed in version 2: .*unfair lock/
  )
  expect(errors).toEqual([])
})

test("a toggle's provenance names the real mail with a link a reader can open", async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./#/migration-vs-shmem-fault')
  const toggle = page.locator('.toggle', { hasText: 'Option 2: swap the migration entry in atomically' })
  await toggle.hover()
  const tip = toggle.locator('.tip')
  await expect(tip).toBeVisible()
  await expect(tip).toContainText(
    'Race condition observed between page migration and page fault handling on arm64 machines'
  )
  await expect(tip.getByRole('link', { name: /lore\.kernel\.org/ })).toHaveAttribute(
    'href',
    'https://lore.kernel.org/r/20240801081657.1386743-1-dev.jain@arm.com'
  )
  await page.screenshot({ path: `${SHOTS}/toggle-tip-000.png` })
  expect(errors).toEqual([])
})

test('tlb-eviction adds the TLB-pressure lanes, and with x86 deferral the explorer finds the failure', async ({
  page,
}) => {
  test.setTimeout(150_000)
  const errors = watchErrors(page)
  await page.goto('./#/migration-vs-shmem-fault?with=x86-deferred-flush')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  const badge = page.locator('.explore .badge.final')
  await expect(badge).toHaveText('No interleaving breaks', { timeout: 60_000 })
  await page.getByRole('checkbox', { name: /TLB entries can be evicted at any time/ }).check()
  await expect(page.getByRole('button', { name: "Run D — TLB pressure on child 1's CPU next" })).toBeVisible()
  await expect(badge).toHaveText(/break/, { timeout: 60_000 })
  await expect(badge).not.toHaveText('No interleaving breaks')
  await expect(page.locator('.outcome-table tr', { hasText: 'move_pages() returned 1' })).toContainText('yes')
  await page.screenshot({ path: `${SHOTS}/x86-tlb-eviction.png`, fullPage: true })
  expect(errors).toEqual([])
})

test('the merged follow-up of the device-private race shows its commit and v7.0', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./#/device-private-fault-livelock?with=trylock-fault-page,wait-on-locked-page')
  const toggle = page.locator('.toggle', { hasText: 'Merged follow-up: losers sleep on the page lock' })
  await expect(toggle.locator('.tag.status')).toHaveText('merged')
  await toggle.hover()
  await expect(toggle.locator('.tip')).toContainText('b570f37a2ce4')
  await expect(toggle.locator('.tip')).toContainText('(v7.0)')
  await expect(toggle.locator('.tip').getByRole('link', { name: /git\.kernel\.org/ })).toHaveAttribute(
    'href',
    'https://git.kernel.org/torvalds/c/b570f37a2ce480be26c665345c5514686a8a0274'
  )
  await page.screenshot({ path: `${SHOTS}/toggle-tip-003.png` })
  expect(errors).toEqual([])
})
