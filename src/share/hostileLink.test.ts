import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import { SCENARIO_DIR } from '../cli/scenarioFiles'
import { formatLink, parseLink } from './link'

/**
 * The link parser against hostile input (issue 11): whatever the hash, it returns no link, a
 * link, or a message of bounded length; it never throws.
 */
const IDS = ['migration-vs-shmem-fault', 'gup-fast-vs-thp-collapse', 'device-private-fault-livelock']

function validLinks(): string[] {
  return IDS.flatMap((id) => {
    const sc = JSON.parse(readFileSync(join(SCENARIO_DIR, `${id}.json`), 'utf8')) as {
      reported: { schedule: string }
      toggles: { id: string }[]
    }
    const s = sc.reported.schedule.replace(/\s+/g, '')
    return [
      `#/${id}?s=${s}`,
      `#/${id}?with=${sc.toggles.map((t) => t.id).join(',')}&s=${s}&at=4&v=1&view=lecture&vs=${s}&vswith=${sc.toggles[0]?.id ?? ''}`,
    ]
  })
}

/** The parser's contract: null, a link, or one short sentence. */
function check(hash: string): void {
  const r = parseLink(hash)
  if (r === null) return
  if (!r.ok) {
    expect(typeof r.error).toBe('string')
    expect(r.error.length).toBeGreaterThan(0)
    expect(r.error.length).toBeLessThan(400)
    return
  }
  // A link it accepts formats to a hash that parses to the same link (notes aside).
  const { notes, ...link } = r.link
  expect((notes ?? []).length).toBeLessThanOrEqual(4)
  const again = parseLink(formatLink(link))
  expect(again).toEqual({ ok: true, link })
}

const edit = (base: string) =>
  fc.oneof(
    fc
      .tuple(fc.nat(base.length), fc.string({ maxLength: 6, unit: 'binary' }))
      .map(([i, s]) => base.slice(0, i) + s + base.slice(i)),
    fc.tuple(fc.nat(base.length), fc.nat(10)).map(([i, n]) => base.slice(0, i) + base.slice(i + n)),
    fc
      .tuple(
        fc.nat(base.length),
        fc.constantFrom('%', '%f', '%ff', '%E0%A4%A', '%ED%A0%80', '%00', '&', '=', '?', '#')
      )
      .map(([i, s]) => base.slice(0, i) + s + base.slice(i)),
    fc
      .constantFrom('with', 's', 'at', 'v', 'view', 'vs', 'vswith', 'src', 'x', '__proto__', 'constructor')
      .chain((k) => fc.string({ maxLength: 20 }).map((v) => `${base}&${k}=${encodeURIComponent(v)}`))
  )

describe('the link parser against hostile input', () => {
  test.prop([fc.string({ maxLength: 200, unit: 'binary' })], { numRuns: 500 })('arbitrary strings', (s) => {
    check(s)
    check(`#/${s}`)
    check(`#/gup-fast-vs-thp-collapse?${s}`)
  })

  test.prop(
    [fc.constantFrom(...validLinks()).chain((l) => fc.array(edit(l), { minLength: 1, maxLength: 3 }))],
    {
      numRuns: 500,
    }
  )('mutations of valid links', (hashes) => {
    for (const h of hashes) check(h)
  })

  it('each malformed percent-escape of the issue is a message', () => {
    for (const h of ['#/%', '#/%ff?s=B2A', '#/gup-fast-vs-thp-collapse%', '#/%E0%A4%A', '#/%ED%A0%80'])
      expect(parseLink(h)).toEqual({
        ok: false,
        error: 'The scenario part of the link is not valid percent-encoding.',
      })
  })

  it('a 100 KB toggle list or a huge part is quoted only in part', () => {
    const bad = parseLink(`#/gup-fast-vs-thp-collapse?with=${'X'.repeat(100_000)}`)
    expect(bad?.ok).toBe(false)
    expect(bad && !bad.ok && bad.error.length).toBeLessThan(120)
    const parts = Array.from({ length: 10_000 }, (_, i) => `junk${String(i)}=1`).join('&')
    const many = parseLink(`#/gup-fast-vs-thp-collapse?${parts}&with=a&with=b`)
    expect(many?.ok && many.link.notes).toEqual([
      'The link\'s part "junk0" is not one this version knows; it was ignored.',
      'The link\'s part "junk1" is not one this version knows; it was ignored.',
      'The link\'s part "junk2" is not one this version knows; it was ignored.',
      '9998 more parts of the link were ignored.',
    ])
  })
})
