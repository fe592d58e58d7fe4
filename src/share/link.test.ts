import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import { formatSchedule } from '../engine'
import { formatLink, parseLink, type Link } from './link'

describe('share links', () => {
  it('read the form CONVENTIONS.md fixes', () => {
    expect(parseLink('#/gup-fast-vs-thp-collapse?with=gup-pmd-recheck,ipi-flush&s=b3 a14&at=4')).toEqual({
      ok: true,
      link: {
        scenario: 'gup-fast-vs-thp-collapse',
        with: ['gup-pmd-recheck', 'ipi-flush'],
        schedule: 'B3A14',
        at: 4,
        version: null,
      },
    })
  })

  it('treat an empty hash as no link', () => {
    expect(parseLink('')).toBeNull()
    expect(parseLink('#/')).toBeNull()
  })

  it('explain what is wrong with a malformed link', () => {
    expect(parseLink('#nope')).toEqual({ ok: false, error: 'The link does not start with #/<scenario>.' })
    expect(parseLink('#/Bad Id')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a scenario id/),
    })
    expect(parseLink('#/x?s=A2?B')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/schedule in the link is malformed/),
    })
    expect(parseLink('#/x?at=-1')).toMatchObject({ ok: false, error: expect.stringMatching(/"at"/) })
    expect(parseLink('#/x?with=Not_a_toggle')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a toggle id/),
    })
    expect(parseLink('#/%E0%A4%A')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/percent-encoding/),
    })
    expect(parseLink('#/x?view=lecture&src=not*base64')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not base64url/),
    })
    // A hostile link cannot make the page replay an explosion of steps.
    expect(parseLink('#/x?s=B99999')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/99999 steps; links hold at most 5000/),
    })
  })

  it('ignore, with a note, the parts an older version would not know, and repeated parts', () => {
    expect(parseLink('#/x?zzz=1&s=B&s=A&view=poster')).toEqual({
      ok: true,
      link: {
        scenario: 'x',
        with: [],
        schedule: 'B',
        at: null,
        version: null,
        notes: [
          'The link\'s part "zzz" is not one this version knows; it was ignored.',
          'The link gives "s" more than once; the first was used.',
          'The link\'s view "poster" is not one this version knows; it was ignored.',
        ],
      },
    })
  })

  const link = fc.record<Link>(
    {
      scenario: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
      with: fc.array(fc.stringMatching(/^-?[a-z0-9][a-z0-9-]{0,12}$/), { maxLength: 4 }),
      schedule: fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { maxLength: 60 }).map(formatSchedule),
      at: fc.option(fc.nat(999)),
      version: fc.option(fc.integer({ min: 1, max: 99 })),
      view: fc.constantFrom('lecture' as const, 'embed' as const),
      vs: fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 30 }).map(formatSchedule),
      vswith: fc.array(fc.stringMatching(/^-?[a-z0-9][a-z0-9-]{0,12}$/), { maxLength: 3 }),
      src: fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/),
    },
    { requiredKeys: ['scenario', 'with', 'schedule', 'at', 'version'] }
  )

  test.prop([link])('round-trip: parse(format(link)) gives the link back', (l) => {
    expect(parseLink(formatLink(l))).toEqual({ ok: true, link: l })
  })
})
