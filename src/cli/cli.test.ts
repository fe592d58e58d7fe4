import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

/** Run a CLI command the way `npm run explore -- …` does. */
function cli(cmd: 'explore' | 'replay', ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${cmd}.ts`, ...args], {
    encoding: 'utf8',
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const ID = 'gup-fast-vs-thp-collapse'

describe('npm run explore', () => {
  it('reports the bad outcome reachable by default and unreachable with the merged fix (--json)', () => {
    const plain = cli('explore', ID, '--json')
    expect(plain.status).toBe(0)
    const r = JSON.parse(plain.stdout) as {
      complete: boolean
      states: number
      outcomes: { id: string; reachable: boolean; shortest: string | null }[]
    }
    expect(r.complete).toBe(true)
    expect(r.states).toBeGreaterThan(100)
    expect(r.outcomes.find((o) => o.id === 'stale-gup-page')).toMatchObject({ reachable: true })
    const fixed = JSON.parse(cli('explore', ID, '--with', 'gup-pmd-recheck', '--json').stdout) as typeof r
    expect(fixed.outcomes.find((o) => o.id === 'stale-gup-page')).toMatchObject({
      reachable: false,
      shortest: null,
    })
    const ipi = JSON.parse(cli('explore', ID, '--with=ipi-flush', '--json').stdout) as typeof r
    expect(
      ipi.outcomes.filter((o) => o.reachable && ['stale-gup-page', 'lost-write'].includes(o.id))
    ).toEqual([])
  })

  it('prints a readable table without --json', () => {
    const r = cli('explore', ID)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(
      /^stale-gup-page\s+bad\s+true\s+\d+\s+[A-D0-9]+ \(\d+ switches\)\s+[A-D0-9]+ \(\d+ switches, \d+ steps\)$/m
    )
    expect(r.stdout).toMatch(/^complete interleavings: \d+$/m)
  })

  it('fails with one line on stderr for an unknown scenario, toggle or option', () => {
    for (const args of [['no-such-race'], [ID, '--with', 'bogus'], [ID, '--frobnicate']]) {
      const r = cli('explore', ...args)
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')[0]).toMatch(/unknown/)
    }
  })

  it('explains what is wrong with a hostile scenario file, naming the file and field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'interleave-'))
    const file = join(dir, 'bad.json')
    writeFileSync(
      file,
      JSON.stringify({
        id: 'x',
        title: 'x',
        summary: 'x',
        kernel: 'v1',
        initial: { locks: {}, folios: {} },
        threads: [],
        toggles: [],
        outcomes: [],
      })
    )
    const r = cli('explore', file)
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toMatch(/bad\.json: threads: /)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('npm run replay', () => {
  it('replays the reported interleaving into the stale page (--json)', () => {
    const r = cli('replay', ID, '--schedule', 'reported', '--json')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as {
      outcomes: { id: string }[]
      steps: { stepId: string; link: string }[]
      error: unknown
    }
    expect(out.error).toBeNull()
    expect(out.outcomes.map((o) => o.id)).toContain('stale-gup-page')
    expect(out.steps[0]?.link).toMatch(
      /^https:\/\/elixir\.bootlin\.com\/linux\/v6\.0-rc7\/source\/mm\/gup\.c$/
    )
  })

  it('stops an impossible schedule with the position, the thread and why', () => {
    const r = cli('replay', ID, '--schedule', 'A1D3')
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toBe('error: step 3: D is sleeping in wait_for_completion(dma_done)')
    expect(r.stdout).toMatch(/D1/)
  })

  it('rejects a malformed schedule', () => {
    const r = cli('replay', ID, '--schedule', 'A2?')
    expect(r.status).toBe(2)
    expect(r.stderr.trim()).toMatch(/character 3/)
  })
})
