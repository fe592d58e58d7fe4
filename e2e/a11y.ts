import { expect, type Page } from '@playwright/test'

/** axe-core's serious and critical violations on the page as it is now (rule id: node count). */
export async function axeSerious(page: Page): Promise<Record<string, string[]>> {
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<AxeResults> } }).axe
    interface AxeResults {
      violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[]
    }
    const r = await axe.run(document)
    const out: Record<string, string[]> = {}
    for (const v of r.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        out[v.id] = v.nodes.slice(0, 5).map((n) => n.target.join(' '))
    return out
  })
}

export async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(await axeSerious(page), `axe serious/critical violations ${where}`).toEqual({})
}

/** The first-visit tour is for people; tests that are not about it start as a returning visitor. */
export async function skipTour(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.localStorage.setItem('interleave.tour', 'done')
  })
}
