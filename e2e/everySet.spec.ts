import { expect, test } from '@playwright/test'

import { loadScenario } from '../src/cli/scenarioFiles'
import { MATRIX } from '../src/conformance/matrix'
import { buildProgram, explore } from '../src/engine'
import { IDS, watchErrors } from './helpers'

const big = (s: string | null) => (s === null ? '?' : BigInt(s).toLocaleString('en-US'))

/**
 * Issue 5's "done when": the Explore panel answers "does any interleaving break?" for every seed
 * scenario and every toggle set of the conformance matrix, and its answer is the engine's own
 * (computed here in Node): the same verdict badge, the same reachable outcomes.
 */
for (const id of IDS) {
  test(`${id}: the Explore panel answers for every toggle set, as the engine does`, async ({ page }) => {
    test.setTimeout(180_000)
    const errors = watchErrors(page)
    const sets = MATRIX.filter(([sid]) => sid === id)
    let n = 0
    for (const [, toggles] of sets) {
      const r = explore(buildProgram(loadScenario(id), toggles))
      const w = toggles.length > 0 ? `with=${toggles.join(',')}&` : ''
      // A query that changes per set makes each a fresh page load, as a shared link would be.
      await page.goto(`./?set=${String(n++)}#/${id}?${w}s=A&at=0`)
      await page.getByRole('button', { name: 'Check every interleaving' }).click()
      const badge = page.locator('.explore .badge.final')
      const livelock = r.outcomes.some((o) => o.cycle)
      const bad = r.outcomes.some((o) => o.severity === 'bad' && o.reachable === true)
      const expected = livelock
        ? 'livelock reachable: a fair cycle never makes progress'
        : r.interleavings === 'unbounded'
          ? bad
            ? /^Some interleavings break/
            : 'No interleaving breaks'
          : `${big(r.broken)} of ${big(r.interleavings)} interleavings break`
      await expect(badge, `${id} [${toggles.join(',')}]`).toHaveText(expected, { timeout: 60_000 })
      // The table lists the outcomes in the engine's order.
      const rows = page.locator('.outcome-table tbody tr')
      await expect(rows).toHaveCount(r.outcomes.length)
      for (const [i, o] of r.outcomes.entries()) {
        await expect(rows.nth(i).locator('th'), `${id} row ${String(i)}`).toContainText(o.title)
        await expect(rows.nth(i).locator('td').first(), `${id} [${toggles.join(',')}] ${o.id}`).toHaveText(
          o.reachable === true ? 'yes' : 'no'
        )
      }
    }
    expect(errors).toEqual([])
  })
}
