import { readFileSync } from 'node:fs'

import { expect, test, type Page } from '@playwright/test'
import { deflateSync } from 'fflate'

import { importDiagram } from '../src/import'
import { stepCounter, watchErrors } from './helpers'

const corpus = (f: string) => readFileSync(`scenarios/import-corpus/${f}`, 'utf8')
const schedule = (page: Page) => new URL(page.url()).hash.match(/[?&]s=([A-Z0-9]+)/)?.[1] ?? ''
const chips = (page: Page) => page.locator('.chips > li .sid').allInnerTexts()

async function importText(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: 'Import diagram' }).click()
  await page.getByRole('textbox', { name: 'Diagram' }).fill(text)
  await page.getByRole('button', { name: 'Import', exact: true }).click()
}

test('a pasted diagram becomes a race that is reordered, shared as one link, and opens the same elsewhere', async ({
  page,
  browser,
  context,
}) => {
  const errors = watchErrors(page)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.goto('./')
  await importText(page, corpus('io-wq-wakeup.txt'))
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Imported: CPU0 vs CPU1')
  await expect(page.locator('.timeline')).toBeVisible()
  await expect(page.locator('.chips > li')).toHaveCount(7)
  await expect.poll(() => schedule(page)).toBe('A4B2A')
  // B's first step moves before A's last "atomic_read": Alt+← on the focused chip.
  await page.locator('.chips > li').nth(4).focus()
  await page.keyboard.press('Alt+ArrowLeft')
  await expect.poll(() => schedule(page)).toBe('A3BABA')
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('Home')
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
  expect(await stepCounter(page)).toBe('step 5 / 7')
  const order = await chips(page)
  await page.getByRole('button', { name: 'Copy a link to exactly this view' }).click()
  const url = await page.evaluate(() => navigator.clipboard.readText())
  expect(url).toMatch(/#\/imported-race\?s=A3BABA&at=5&v=1&src=[A-Za-z0-9_-]+$/)

  // A fresh browser: no registry, no storage; the link alone carries the race.
  const fresh = await browser.newContext()
  const reader = await fresh.newPage()
  const readerErrors = watchErrors(reader)
  await reader.goto(url)
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('Imported: CPU0 vs CPU1')
  expect(await stepCounter(reader)).toBe('step 5 / 7')
  expect(await chips(reader)).toEqual(order)
  await expect(reader.getByRole('note')).toContainText('carried in the link')
  await fresh.close()
  expect(readerErrors).toEqual([])
  expect(errors).toEqual([])
})

test('a storyboard step given a lock op in the editor is used by the explorer', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./')
  const text = corpus('khugepaged-vs-madvise-cold-roles.txt')
  await importText(page, text)
  await expect(page.locator('.chips > li')).toHaveCount(4)
  await page.getByRole('button', { name: 'Edit' }).click()
  const editor = page.getByRole('textbox', { name: 'Scenario JSON' })
  await expect(editor).toContainText('"folio_lock()"')
  await expect(page.locator('.editor-status')).toContainText('Valid')
  // Hover docs come from the format's documentation; completion offers the schema's keys.
  const confidence = page.locator('.cm-line', { hasText: '"confidence"' }).first()
  await confidence.scrollIntoViewIfNeeded()
  const key = await confidence.evaluate((line) => {
    const node = line.firstChild as Text
    const at = node.data.indexOf('"confidence"')
    const range = document.createRange()
    range.setStart(node, at + 2)
    range.setEnd(node, at + 6)
    const r = range.getBoundingClientRect()
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
  })
  await page.mouse.move(key.x, key.y)
  await expect(page.locator('.cm-tooltip .cm-doc')).toContainText('verified, inferred or unverified')
  await page.locator('.cm-line', { hasText: '"ops": []' }).first().click()
  await page.keyboard.press('End')
  await page.keyboard.press('ArrowLeft')
  await page.keyboard.type('{ "o')
  await page.keyboard.press('Control+Space')
  await expect(page.locator('.cm-tooltip-autocomplete li').first()).toHaveText('"op"')
  await page.waitForTimeout(300)
  await page.keyboard.press('Enter')
  await page.mouse.move(0, 0)
  await page.keyboard.type('"lo')
  await page.waitForTimeout(300)
  await page.keyboard.press('Control+Space')
  await expect(page.locator('.cm-tooltip-autocomplete li', { hasText: '"lock"' }).first()).toBeVisible()
  await page.keyboard.press('Escape')

  // The person gives every step its lock, first forgetting to declare the locks.
  const sc = JSON.parse(importDiagram(text).json) as {
    initial: { locks: Record<string, string> }
    threads: { steps: { title: string; ops: unknown[] }[] }[]
  }
  for (const t of sc.threads)
    for (const s of t.steps) s.ops = [{ op: 'lock', lock: s.title.startsWith('folio') ? 'folio' : 'ptl' }]
  await editor.click()
  await page.keyboard.press('Control+a')
  await page.keyboard.insertText(JSON.stringify(sc, null, 2))
  // The loader's own message, at the field, as typed.
  await expect(page.locator('.editor-status')).toHaveText(
    "editor: threads.0.steps.0.ops.0.lock: undeclared lock 'folio' (declare it in initial.locks)"
  )
  await expect(page.locator('.cm-lintRange-error')).toHaveText('"lock"')
  sc.initial.locks = { folio: 'mutex', ptl: 'spin' }
  await page.keyboard.press('Control+a')
  await page.keyboard.insertText(JSON.stringify(sc, null, 2))
  await expect(page.locator('.editor-status')).toContainText('Valid')
  // Undo goes back to the undeclared locks, redo forward again.
  await page.keyboard.press('Control+z')
  await expect(page.locator('.editor-status')).toContainText('undeclared lock')
  await page.getByRole('button', { name: 'Redo edit' }).click()
  await expect(page.locator('.editor-status')).toContainText('Valid')

  // The timeline follows: the reported order now ends with both threads waiting.
  await page.getByRole('heading', { level: 1 }).click()
  await page.keyboard.press('End')
  await expect(page.locator('.narration .now')).toContainText('waits')
  await page.getByRole('button', { name: 'Check every interleaving' }).click()
  const deadlock = page.locator('.outcome-table tr', { hasText: 'Deadlock' })
  await expect(deadlock).toContainText('yes')

  // Nothing typed is lost on reload.
  await page.reload()
  await page.getByRole('button', { name: 'Edit' }).click()
  await expect(page.getByRole('textbox', { name: 'Scenario JSON' })).toContainText('"folio": "mutex"')
  expect(errors).toEqual([])
})

test('a malformed paste or link gets its error in place, and the page stays usable', async ({ page }) => {
  const errors = watchErrors(page)
  await page.goto('./')
  await importText(page, 'This mail explains the race in prose only, without any diagram drawn.')
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read as a diagram' })).toContainText(
    'no column diagram found'
  )
  await page.goto('./#/imported-race?src=AAAA')
  await expect(
    page.locator('.notices .notice.error').filter({ hasText: 'could not be opened' })
  ).toContainText('damaged')
  const bad = Buffer.from(deflateSync(new TextEncoder().encode('{"id":"imported-race","title":"<b>x</b>"}')))
  await page.goto(`./#/imported-race?src=${bad.toString('base64url')}`)
  await expect(page.locator('.notices .notice.error').filter({ hasText: 'not valid' })).toContainText(
    'This link could not be opened: The scenario in the link is not valid: summary:'
  )
  await expect(page.getByRole('heading', { name: 'Pick a race' })).toBeVisible()
  expect(errors).toEqual([])
})
