#!/usr/bin/env node
// The project's one test command: unit and property tests (Vitest), then the browser tests
// (Playwright on Debian's Chromium). It ends with the line CI reads: `N passed, N failed`.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'

const reports = '.reports'
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })
let passed = 0
let failed = 0

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status

// 1. Vitest: the engine, the scenarios, the CLI.
const vitestStatus = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${reports}/vitest.json`,
])
if (existsSync(`${reports}/vitest.json`)) {
  const r = JSON.parse(readFileSync(`${reports}/vitest.json`, 'utf8'))
  passed += r.numPassedTests
  failed += r.numFailedTests
  // A suite that fails to load counts no tests: make it count.
  if (vitestStatus !== 0 && r.numFailedTests === 0) failed += Math.max(1, r.numFailedTestSuites ?? 1)
} else failed += 1

// 2. Playwright: the page in a real headless Chromium.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
if (!existsSync(chromium)) {
  console.error(
    `\nThe browser tests need Chromium at ${chromium}. Install it with:\n  apt-get update && apt-get install -y chromium\n(or set CHROMIUM_PATH). .ci/run does this itself.`
  )
  failed += 1
} else {
  const status = run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` })
  if (existsSync(`${reports}/e2e.json`)) {
    const s = JSON.parse(readFileSync(`${reports}/e2e.json`, 'utf8')).stats
    passed += s.expected
    failed += s.unexpected + (s.flaky ?? 0)
    if (status !== 0 && s.unexpected === 0) failed += 1
  } else failed += 1
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
