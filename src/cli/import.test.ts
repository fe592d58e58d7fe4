import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { parseScenario } from '../engine'
import { importDiagram } from '../import'

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', ...args], {
    encoding: 'utf8',
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

const KSWAPD = 'scenarios/import-corpus/kswapd-run-colon-headers.txt'
const IPSET = 'scenarios/import-corpus/ipset-test-same-row.txt'

describe('npm run import', () => {
  it('prints a scenario the loader accepts, the same the page imports, with exit 0', () => {
    const r = cli(KSWAPD, '--json', '--id', 'kswapd-run-race', '--kernel', 'v6.0')
    expect(r.status).toBe(0)
    const sc = parseScenario(r.stdout, 'stdout')
    expect(sc.id).toBe('kswapd-run-race')
    expect(sc.kernel).toBe('v6.0')
    expect(r.stdout).toBe(
      importDiagram(readFileSync(KSWAPD, 'utf8'), { id: 'kswapd-run-race', kernel: 'v6.0' }).json
    )
  })

  it('says on stderr what it found ambiguous, one line each, at its line', () => {
    const r = cli(IPSET, '--json')
    expect(r.status).toBe(0)
    expect(r.stderr.trim().split('\n')).toEqual([
      'line 12: ambiguous: cells of CPU0, CPU1 on one row: ordered left to right, as the diagram does not say which runs first',
      'line 13: ambiguous: cells of CPU0, CPU1 on one row: ordered left to right, as the diagram does not say which runs first',
    ])
    // Without --json a summary of the threads comes first.
    expect(cli(IPSET).stderr).toMatch(
      /^imported-race: 2 threads, 13 steps; reported schedule A A A A A A A A B A B A A\n/
    )
  })

  it('exits 2 with one line when the text holds no diagram, the file is missing or an option is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'))
    const prose = join(dir, 'prose.txt')
    writeFileSync(prose, 'This mail describes a race in words only, without any diagram at all.\n')
    for (const args of [
      [prose],
      [join(dir, 'missing.txt')],
      [KSWAPD, '--id', 'Not Kebab'],
      [KSWAPD, '--frob'],
    ]) {
      const r = cli(...args)
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
    }
    expect(cli(prose).stderr).toMatch(/no column diagram found/)
  })
})
