import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { describe, expect, it } from 'vitest'

import { SCENARIO_DIR } from './scenarioFiles'

/**
 * Every bad input to the CLI (issue 11): exit status 2, nothing on stdout, exactly one line on
 * stderr with control characters escaped; nasty but valid files get correct answers.
 */
function cli(cmd: 'explore' | 'replay', ...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${cmd}.ts`, ...args], {
    encoding: 'utf8',
    // A hang (a FIFO opened for reading) or an unbounded read must not hang the test run.
    timeout: 30_000,
  })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal }
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/

/** Exit 2, no output, and one stderr line with no raw control character. */
function refused(r: ReturnType<typeof cli>): string {
  expect(r.signal).toBeNull()
  expect(r.status).toBe(2)
  expect(r.stdout).toBe('')
  expect(r.stderr.endsWith('\n')).toBe(true)
  const body = r.stderr.slice(0, -1)
  expect(body.split('\n')).toHaveLength(1)
  expect(body).not.toMatch(RAW_CONTROL)
  return body
}

const dir = mkdtempSync(join(tmpdir(), 'interleave-hostile-'))
const ID = 'gup-fast-vs-thp-collapse'
const good = JSON.parse(readFileSync(join(SCENARIO_DIR, `${ID}.json`), 'utf8')) as Record<string, any>

function file(name: string, content: string | Buffer): string {
  const f = join(dir, name)
  writeFileSync(f, content)
  return f
}

/** A tiny two-thread race whose names are prototype members and whose text holds escapes. */
const toy = {
  id: 'toy-nasty',
  title: 'Toy \u001b[2J\u001b]0;pwned\u0007 title\r\nwith a line break',
  summary: 'Names that Object.prototype also has.',
  kernel: 'v6.0',
  initial: { locks: { toString: 'spin' }, folios: { P0: { refcount: 1, mapcount: 1, content: ['v1'] } } },
  threads: [
    {
      letter: 'A',
      name: 'A — one',
      steps: [
        {
          id: 'A1',
          fn: 'f',
          file: 'mm/x.c',
          title: 'take \u001b[31mred\u009b0m',
          explain: 'e',
          ops: [{ op: 'lock', lock: 'toString' }],
        },
        {
          id: 'A2',
          fn: 'f',
          file: 'mm/x.c',
          title: 'drop',
          explain: 'e',
          ops: [{ op: 'unlock', lock: 'toString' }],
        },
      ],
    },
    { letter: 'B', name: 'B — two', like: 'A' },
  ],
  toggles: [],
  outcomes: [
    {
      id: 'hit',
      severity: 'bad',
      title: 'hit',
      explain: 'reached \u001b[5mblink',
      predicate: { ne: [{ var: 'hasOwnProperty' }, null] },
    },
    {
      id: 'both-done',
      severity: 'ok',
      title: 'done',
      explain: 'both threads took and dropped the lock',
      predicate: { all: [{ finished: 'A' }, { finished: 'B' }] },
    },
  ],
  reported: { schedule: 'A2 B2', outcome: 'both-done', description: 'd' },
}

describe('usage errors: exit 2 and one line', () => {
  it.each([
    ['explore'],
    ['explore', ID, '--with'],
    ['explore', ID, '--frobnicate'],
    ['explore', ID, 'extra'],
    ['explore', ID, '--max-states', '-3'],
    ['replay', ID],
    ['replay', ID, '--schedule='],
  ])('%s %s %s %s', (cmd, ...args) => {
    const line = refused(cli(cmd as 'explore', ...args))
    expect(line).toMatch(/needs|unknown option|unexpected argument|no scenario given|required/)
  })

  it('--help prints the usage on stdout and succeeds', () => {
    const r = cli('explore', '--help')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^usage: npm run explore/)
  })
})

describe('files that are not scenario files are refused before anything is read', () => {
  it.each([
    ['/dev/zero', /character device, not a regular file/],
    ['/dev/urandom', /character device, not a regular file/],
    [dir, /is a directory/],
  ])('%s', (path, message) => {
    expect(refused(cli('explore', path))).toMatch(message)
  })

  it('a FIFO is refused at once, not waited on; a link to /dev/zero is refused as what it points to', () => {
    const fifo = join(dir, 'fifo.json')
    spawnSync('mkfifo', [fifo])
    expect(refused(cli('explore', fifo))).toMatch(/is a FIFO, not a regular file/)
    const link = join(dir, 'zero.json')
    symlinkSync('/dev/zero', link)
    expect(refused(cli('replay', link, '--schedule', 'A'))).toMatch(/character device/)
  })

  it('a file over 1,000,000 bytes, and one that is not UTF-8', () => {
    expect(refused(cli('explore', file('big.json', ' '.repeat(1_000_001))))).toMatch(
      /larger than 1000000 bytes/
    )
    expect(refused(cli('explore', file('bin.json', Buffer.from([0x7b, 0xff, 0xfe, 0x1b, 0x7d]))))).toMatch(
      /is not UTF-8 text/
    )
  })
})

describe('hostile scenario files: one escaped line naming the field', () => {
  it('a huge subpage, a PTE sub of 1e15, and nesting 100,000 deep', () => {
    const sc = structuredClone(good)
    sc.threads[0].steps[0].ops[0] = { op: 'writePage', page: 'P0#1e300', value: 'x' }
    expect(refused(cli('explore', file('page.json', JSON.stringify(sc))))).toMatch(
      /page\.json: threads\.0\.steps\.0\.ops\.0\.page: a page is/
    )
    const sc2 = structuredClone(good)
    const t = Object.values(sc2.initial.tables as Record<string, any>)[0]
    t.ptes[0].entry = { k: 'present', folio: 'P0', sub: 1e15 }
    expect(refused(cli('explore', file('sub.json', JSON.stringify(sc2))))).toMatch(/ptes\.0\.entry\.sub/)
    expect(
      refused(cli('explore', file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`)))
    ).toMatch(/deep\.json: \(json\): nested deeper than 32 levels at line 1, column 33/)
  })

  it('escape, carriage return and binary bytes from the input are escaped in the message', () => {
    const line = refused(cli('explore', ID, '--with', 'a\u001b[31mb\rc\u0007'))
    expect(line).toContain("unknown toggle 'a\\x1b[31mb\\x0dc\\x07'")
    const path = refused(cli('explore', join(dir, 'no\u001b]0;x\u0007such.json')))
    expect(path).toMatch(/no\\x1b\]0;x\\x07such\.json: no such file$/)
    const bad = structuredClone(good)
    bad.title = 42
    bad.initial.locks['x\u001bq'] = 'spin'
    expect(refused(cli('explore', file('ctl.json', JSON.stringify(bad))))).toMatch(/\\x1b/)
  })

  it('a 100 KB list of unknown toggles gives a short message', () => {
    const list = Array.from({ length: 10_000 }, (_, i) => `no-such-${String(i)}`).join(',')
    const line = refused(cli('explore', ID, '--with', list))
    expect(line.length).toBeLessThan(700)
    expect(line).toMatch(/unknown toggle 'no-such-0'/)
  })

  it('an impossible schedule is one line too', () => {
    expect(refused({ ...cli('replay', ID, '--schedule', 'A1D3'), stdout: '' })).toBe(
      'error: step 3: D is sleeping in wait_for_completion(dma_done)'
    )
  })
})

describe('valid but nasty files give correct answers, with their text escaped', () => {
  const path = file('toy.json', JSON.stringify(toy))

  it('explore: a lock named toString is a lock, a var hasOwnProperty is unset', () => {
    const r = cli('explore', path, '--json')
    expect(r.status).toBe(0)
    const out = JSON.parse(r.stdout) as { complete: boolean; outcomes: { id: string; reachable: boolean }[] }
    expect(out.complete).toBe(true)
    expect(out.outcomes.find((o) => o.id === 'hit')?.reachable).toBe(false)
    expect(out.outcomes.find((o) => o.id === 'both-done')?.reachable).toBe(true)
    expect(out.outcomes.find((o) => o.id === 'deadlock')?.reachable).toBe(false)
  })

  it('replay prints titles and explanations with their escapes shown, never sent to the terminal', () => {
    const r = cli('replay', path, '--schedule', 'A B A B')
    expect(r.status).toBe(0)
    expect(r.stdout).not.toMatch(RAW_CONTROL)
    expect(r.stdout).toContain('take \\x1b[31mred\\x9b0m')
    expect(r.stdout).toMatch(/^1 +A +A1 +f: take/m)
    // B queued behind A on the lock named toString.
    expect(r.stdout).toMatch(/^2 +B +B1 .*\(waits\)/m)
    const json = cli('replay', path, '--schedule', 'reported', '--json')
    expect(json.stdout).not.toMatch(RAW_CONTROL)
    const parsed = JSON.parse(json.stdout) as { steps: { title: string }[] }
    expect(parsed.steps[0]?.title).toBe('take \u001b[31mred\u009b0m')
  })
})
