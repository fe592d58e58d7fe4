/** The page's figures for `npm run bench`: headless Chromium on the production build. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { gzipSync } from 'node:zlib'

import { loadScenario } from '../src/cli/scenarioFiles'
import { MATRIX } from '../src/conformance/matrix'
import { layoutScene } from '../src/picture/layout'
import { RACES, reportedRun, stepScene } from '../src/picture/testing'

/**
 * In-page timers for the explorer, as plain JavaScript (the bench runs under tsx, whose helpers do
 * not exist in the page): the click, then the first frame after a verdict badge and after the
 * final badge are in the DOM; and main-thread tasks over 50 ms.
 */
const EXPLORE_TIMERS = `(() => {
  window.longTasks = []
  window.t = {}
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.longTasks.push(Math.round(e.duration))
  }).observe({ type: 'longtask' })
  document.addEventListener('click', () => { if (window.t.click === undefined) window.t.click = performance.now() }, { capture: true })
  function mark(name) {
    if (window.t[name] !== undefined) return
    window.t[name] = -1
    requestAnimationFrame(() => { window.t[name] = performance.now() })
  }
  new MutationObserver(() => {
    if (document.querySelector('.explore .badge')) mark('verdict')
    if (document.querySelector('.explore .badge.final')) mark('done')
  }).observe(document.body, { subtree: true, childList: true, characterData: true })
})()`

/**
 * The state picture's own work per step, in Node: building the scene (with the step before, for
 * the arrows it removed) and laying it out, at a laptop panel's width (820 px, 14 px type) and a
 * projector's (1200 px, 25 px), over every step of every race's reported run (after a warm-up).
 */
function pictureLayout(): Record<string, unknown> {
  const runs = RACES.map((id) => ({ id, ...reportedRun(id) }))
  const once = (width: number, fontSize: number, record: number[] | null, only?: string) => {
    for (const { id, program, run } of runs) {
      if (only && id !== only) continue
      for (let pos = 0; pos < run.states.length; pos++) {
        const t0 = performance.now()
        layoutScene(stepScene(program, run, pos), { fontSize, maxWidth: width })
        record?.push(performance.now() - t0)
      }
    }
  }
  for (let i = 0; i < 5; i++) once(820, 14, null)
  const stats = (xs: number[]) => {
    xs.sort((a, b) => a - b)
    const q = (f: number) =>
      Math.round((xs[Math.min(xs.length - 1, Math.floor(f * xs.length))] ?? 0) * 1000) / 1000
    return { steps: xs.length, p50: q(0.5), p95: q(0.95), max: q(1) }
  }
  const laptop: number[] = []
  const projector: number[] = []
  const largest: number[] = []
  once(820, 14, laptop)
  once(1200, 25, projector)
  once(820, 14, largest, 'migration-vs-shmem-fault')
  return { laptop: stats(laptop), projector: stats(projector), steppedRace: stats(largest) }
}

export async function browser(): Promise<Record<string, unknown>> {
  const pictureLayoutPerStepMs = pictureLayout()
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromium)) return { skipped: `no Chromium at ${chromium}` }
  const { build, preview } = await import('vite')
  await build({ logLevel: 'error' })
  const js = readdirSync('dist/assets').filter((f) => f.endsWith('.js'))
  const gz = (f: string) => gzipSync(readFileSync(`dist/assets/${f}`)).length
  // What the first page load fetches: the entry script and the chunks index.html preloads with
  // it. Lazy chunks (editor, import, diff, export, embed) are fetched only when used.
  const html = readFileSync('dist/index.html', 'utf8')
  const main = [...html.matchAll(/(?:src|href)="\.\/assets\/([^"]+\.js)"/g)].map((m) => m[1] as string)
  const lazyGzipKB =
    Math.round(
      (js.filter((f) => !f.includes('worker') && !main.includes(f)).reduce((a, f) => a + gz(f), 0) / 1024) *
        10
    ) / 10
  const initialGzipKB = Math.round((main.reduce((a, f) => a + gz(f), 0) / 1024) * 10) / 10
  const workerGzipKB =
    Math.round((js.filter((f) => f.includes('worker')).reduce((a, f) => a + gz(f), 0) / 1024) * 10) / 10
  const server = await preview({
    preview: { port: 4190, strictPort: true, host: '127.0.0.1' },
    logLevel: 'error',
  })
  const { chromium: pw } = await import('playwright-core')
  const b = await pw.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    // As in a reader's browser (see playwright.config.ts).
    ignoreDefaultArgs: ['--disable-ipc-flooding-protection'],
  })
  try {
    const page = await b.newPage({ viewport: { width: 1440, height: 900 } })
    const base = 'http://127.0.0.1:4190/'
    // Time to first render: navigation start → the race's heading is in the page.
    const t0 = Date.now()
    await page.goto(
      `${base}#/migration-vs-shmem-fault?at=0&s=${loadScenario('migration-vs-shmem-fault').reported.schedule.replace(/\s+/g, '')}`
    )
    await page.getByRole('heading', { level: 1 }).waitFor()
    const firstRenderMs = Date.now() - t0
    const fcp = await page.evaluate(
      () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null
    )
    // Step latency: key press → the frame after the update is painted, 200 presses.
    // Also the step's own work, without the wait for the display's next frame: from the key to
    // the end of its handlers (React renders in their microtasks), plus from the frame's start
    // to its paint. A key that changes nothing still waits up to a frame (16.7 ms at 60 Hz).
    await page.evaluate(() => {
      const w = window as unknown as { lat: number[]; work: number[]; handled: number }
      w.lat = []
      w.work = []
      window.addEventListener('keydown', () => (w.handled = performance.now()))
      window.addEventListener(
        'keydown',
        () => {
          const t = performance.now()
          requestAnimationFrame(() => {
            const frame = performance.now()
            const ch = new MessageChannel()
            ch.port1.onmessage = () => {
              const painted = performance.now()
              w.lat.push(painted - t)
              w.work.push(w.handled - t + (painted - frame))
            }
            ch.port2.postMessage(0)
          })
        },
        { capture: true }
      )
    })
    const total = await page.locator('.controls .position').innerText()
    const n = Number(total.split('/')[1]?.trim() ?? '1')
    let work: number[] = []
    const pressAll = async (key: (i: number) => string): Promise<number[]> => {
      await page.evaluate(() => {
        const w = window as unknown as { lat: number[]; work: number[] }
        w.lat = []
        w.work = []
      })
      for (let i = 0; i < 200; i++) {
        await page.keyboard.press(key(i))
        await page.waitForTimeout(20)
      }
      const r = await page.evaluate(() => {
        const w = window as unknown as { lat: number[]; work: number[] }
        return { lat: w.lat, work: w.work }
      })
      work = r.work.sort((a, c) => a - c)
      return r.lat.sort((a, c) => a - c)
    }
    // The same measurement on a key bound to nothing: what the frame clock alone costs, so the
    // step figure can be read as "frame wait + our work".
    const idle = await pressAll(() => 'Shift')
    const lat = await pressAll((i) => (i % (n * 2) < n ? 'ArrowRight' : 'ArrowLeft'))
    const latWork = work
    const quantile = (xs: number[], q: number) =>
      Math.round((xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0) * 10) / 10
    const p = (q: number) => quantile(lat, q)
    // Again with reduced motion: no highlight fade, so what is left is our work per step.
    await page.emulateMedia({ reducedMotion: 'reduce' })
    const still = await pressAll((i) => (i % (n * 2) < n ? 'ArrowRight' : 'ArrowLeft'))
    const stillWork = work
    await page.emulateMedia({ reducedMotion: 'no-preference' })
    // The in-page explorer (Web Worker) on every scenario × toggle set of the matrix: time from
    // the click to the verdict (an early "Breaks" badge, or the final one), and to the full result.
    const explorer: { scenario: string; toggles: string; verdictMs: number; doneMs: number }[] = []
    /** Main-thread tasks over 50 ms while the explorations ran (the page must stay responsive). */
    const longTasks: number[] = []
    let load = 0
    // Four faulting threads without the fix (the Xe report), alone and with the UVM bail-out:
    // searched whole only thanks to the symmetry reduction.
    const FOUR: readonly (readonly [string, readonly string[]])[] = [
      ['device-private-fault-livelock', ['four-threads']],
      ['device-private-fault-livelock', ['four-threads', 'uvm-driver-bailout']],
    ]
    for (const [id, toggles] of [...MATRIX, ...FOUR]) {
      const w = toggles.length > 0 ? `with=${toggles.join(',')}&` : ''
      await page.goto(`${base}?set=${String(load++)}#/${id}?${w}s=A&at=0`)
      await page.getByRole('heading', { level: 1 }).waitFor()
      // Timed in the page (Playwright's polling would add its own delay): the click, then the
      // first frame after a verdict badge, and after the final one, is in the DOM.
      await page.evaluate(EXPLORE_TIMERS)
      // A reader takes a moment to reach the button; the panel uses it to warm its worker up.
      await page.waitForTimeout(500)
      await page.getByRole('button', { name: 'Check every interleaving' }).click()
      await page.locator('.explore .badge.final').waitFor({ timeout: 120_000 })
      await page.waitForTimeout(50)
      const t = await page.evaluate(() => (window as unknown as { t: Record<string, number> }).t)
      const since = (k: string) => Math.round((t[k] ?? NaN) - (t.click ?? NaN))
      explorer.push({
        scenario: id,
        toggles: toggles.join(',') || '-',
        verdictMs: since('verdict'),
        doneMs: since('done'),
      })
      longTasks.push(...(await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks)))
    }
    return {
      pictureLayoutPerStepMs,
      initialGzipKB,
      lazyGzipKB,
      workerGzipKB,
      firstRenderMs,
      firstContentfulPaintMs: fcp === null ? null : Math.round(fcp),
      stepLatencyMs: { samples: lat.length, p50: p(0.5), p95: p(0.95), max: p(1) },
      stepWorkMs: { p50: quantile(latWork, 0.5), p95: quantile(latWork, 0.95), max: quantile(latWork, 1) },
      stepLatencyReducedMotionMs: {
        samples: still.length,
        p50: quantile(still, 0.5),
        p95: quantile(still, 0.95),
        max: quantile(still, 1),
      },
      stepWorkReducedMotionMs: {
        p50: quantile(stillWork, 0.5),
        p95: quantile(stillWork, 0.95),
        max: quantile(stillWork, 1),
      },
      noOpKeyLatencyMs: { samples: idle.length, p50: quantile(idle, 0.5), p95: quantile(idle, 0.95) },
      explorer,
      explorerVerdictUnder1s: `${String(explorer.filter((e) => e.verdictMs < 1000).length)} of ${String(explorer.length)}`,
      explorerDoneUnder1s: `${String(explorer.filter((e) => e.doneMs < 1000).length)} of ${String(explorer.length)}`,
      mainThreadTasksOver50msDuringExplore: longTasks,
    }
  } finally {
    await b.close()
    await new Promise<void>((res) => {
      server.httpServer.close(() => {
        res()
      })
    })
  }
}
