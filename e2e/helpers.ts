import { readFileSync } from 'node:fs'

import { expect, type Page } from '@playwright/test'

import { RACES, reportedRun } from '../src/picture/testing'

export interface ScenarioInfo {
  readonly id: string
  readonly title: string
  readonly reported: {
    readonly schedule: string
    readonly with?: readonly string[]
    readonly outcome: string
  }
  readonly outcomes: readonly { readonly id: string; readonly title: string; readonly severity: string }[]
  readonly toggles: readonly { readonly id: string; readonly title: string; readonly status: string }[]
}

/** The seed races, as the picture tests list them. */
export const IDS = RACES

export function scenario(id: string): ScenarioInfo {
  return JSON.parse(readFileSync(`scenarios/${id}.json`, 'utf8')) as ScenarioInfo
}

/** The share link of a scenario's reported interleaving, shown at its end. */
export function reportedLink(id: string): string {
  const sc = scenario(id)
  const w = (sc.reported.with ?? []).length > 0 ? `with=${(sc.reported.with ?? []).join(',')}&` : ''
  return `./#/${id}?${w}s=${sc.reported.schedule.replace(/\s+/g, '')}`
}

/** Fails the test on any console error or uncaught exception. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  page.on('pageerror', (e) => errors.push(e.message))
  return errors
}

export async function stepCounter(page: Page): Promise<string> {
  return (await page.locator('.controls .position').innerText()).replace(/\s+/g, ' ')
}

export async function expectBanner(page: Page, title: string): Promise<void> {
  await expect(page.getByRole('alert').filter({ hasText: title }).first()).toBeVisible()
}

/**
 * How many steps the page shows for a race's reported interleaving: the page completes every
 * run with its policy (src/engine/schedule/complete.ts), so this can exceed the reported count.
 */
export function pageRunSteps(id: string): number {
  return reportedRun(id).run.records.length
}
