import { spawnSync } from 'node:child_process'

import { describe, expect, it } from 'vitest'

/** Run a CLI command the way `npm run <cmd> -- …` does. */
function cli(cmd: 'explore' | 'replay' | 'diff' | 'diagram', ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${cmd}.ts`, ...args], {
    encoding: 'utf8',
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const ID = 'gup-fast-vs-thp-collapse'

describe('the what-if commands', () => {
  it('replay --complete ends the reported run with the fix in a terminal state with its outcomes', () => {
    const r = cli('replay', ID, '--schedule', 'reported', '--with', 'gup-pmd-recheck', '--complete', '--json')
    expect(r.status).toBe(0)
    const j = JSON.parse(r.stdout) as {
      terminal: boolean
      ending: { kind: string; text: string }
      dropped: { message: string }[]
      outcomes: { id: string }[]
    }
    expect(j.terminal).toBe(true)
    expect(j.ending.kind).toBe('finished')
    expect(j.dropped[0]?.message).toBe('step 40: C is sleeping in wait_for_completion(gup_done)')
    expect(j.outcomes.map((o) => o.id)).toEqual(['collapsed', 'gup-slow-path'])
    // Without --complete the same order stops where it cannot go on, as before (exit 2).
    expect(cli('replay', ID, '--schedule', 'reported', '--with', 'gup-pmd-recheck').status).toBe(2)
  })

  it('diff gives the first divergence and the differing fields of the reported run with and without the fix', () => {
    const r = cli('diff', ID, '--schedule', 'reported', '--vs-with', 'gup-pmd-recheck', '--json')
    expect(r.status).toBe(0)
    const j = JSON.parse(r.stdout) as {
      firstDivergence: { step: number; before: string; after: string; added: string[] }
      rows: { a: number | null; b: number | null; fields: { path: string; a: string; b: string }[] }[]
      a: { outcomes: string[] }
      b: { outcomes: string[] }
    }
    expect(j.firstDivergence).toMatchObject({
      step: 19,
      before: 'B gup_pte_range(): recheck the PTE; accept P0',
      after: 'B gup_pte_range(): recheck the PMD (the fix)',
    })
    expect(j.a.outcomes).toContain('stale-gup-page')
    expect(j.b.outcomes).not.toContain('stale-gup-page')
    const refcount = j.rows.flatMap((row) => row.fields).find((f) => f.path === 'folios.P0.refcount')
    expect(refcount).toBeDefined()
    expect(refcount?.a).not.toBe(refcount?.b)
    const text = cli('diff', ID, '--schedule', 'reported', '--vs-with', 'gup-pmd-recheck')
    expect(text.stdout).toMatch(/^first divergence at step 19: /m)
  })

  it('diff and diagram refuse bad input with one line on stderr and status 2', () => {
    const noVs = cli('diff', ID, '--schedule', 'reported')
    expect(noVs.status).toBe(2)
    expect(noVs.stderr).toMatch(/--vs/)
    const bad = cli('diff', ID, '--schedule', 'reported', '--vs', 'A2?')
    expect(bad.status).toBe(2)
    expect(bad.stderr.trim().split('\n')).toHaveLength(1)
    const unknown = cli('diagram', 'no-such-race')
    expect(unknown.status).toBe(2)
    expect(unknown.stderr).toMatch(/^error: unknown scenario 'no-such-race'/)
    expect(cli('diagram', ID, '--with', 'no-such-fix').status).toBe(2)
  })

  it('diagram prints the reported run within 75 columns', () => {
    const r = cli('diagram', ID, '--schedule', 'reported')
    expect(r.status).toBe(0)
    expect(Math.max(...r.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(75)
    expect(r.stdout).toMatch(/^ {3}CPU A {2,}CPU B/m)
    expect(r.stdout).toMatch(/try_grab_folio\(\) <-- pin P0/)
  })

  it('explore --json gives the shortest and the fewest-switch schedule, each with its switch count', () => {
    const j = JSON.parse(cli('explore', ID, '--json').stdout) as {
      outcomes: {
        id: string
        shortest: string | null
        shortestSwitches: number | null
        fewestSwitches: { schedule: string; switches: number; steps: number } | null
      }[]
    }
    const stale = j.outcomes.find((o) => o.id === 'stale-gup-page')
    expect(stale?.shortestSwitches).toBeGreaterThan(stale?.fewestSwitches?.switches ?? Infinity)
    const replayed = JSON.parse(
      cli('replay', ID, '--schedule', stale?.fewestSwitches?.schedule ?? '', '--json').stdout
    ) as { outcomes: { id: string }[] }
    expect(replayed.outcomes.map((o) => o.id)).toContain('stale-gup-page')
  })
})
