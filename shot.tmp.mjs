import { chromium } from 'playwright-core'
const [, , url, out, w = '1440', h = '900', ...keys] = process.argv
const b = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
const p = await b.newPage({ viewport: { width: Number(w), height: Number(h) }, reducedMotion: 'reduce' })
const errors = []
p.on('console', (m) => {
  if (m.type() === 'error') errors.push(m.text())
})
p.on('pageerror', (e) => errors.push(e.message))
await p.goto(url)
await p.waitForTimeout(400)
for (const k of keys) {
  await p.keyboard.press(k)
  await p.waitForTimeout(80)
}
await p.screenshot({ path: out, fullPage: false })
console.log('errors:', JSON.stringify(errors))
await b.close()
