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
    expect(parseLink('#/x?zzz=1')).toMatchObject({ ok: false, error: expect.stringMatching(/unknown part/) })
    // A hostile link cannot make the page replay an explosion of steps.
    expect(parseLink('#/x?s=B99999')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/99999 steps; links hold at most 5000/),
    })
  })

  const link = fc.record<Link>({
    scenario: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/),
    with: fc.array(fc.stringMatching(/^-?[a-z0-9][a-z0-9-]{0,12}$/), { maxLength: 4 }),
    schedule: fc.array(fc.constantFrom('A', 'B', 'C', 'D', 'E'), { maxLength: 60 }).map(formatSchedule),
    at: fc.option(fc.nat(999)),
    version: fc.option(fc.integer({ min: 1, max: 99 })),
  })

  test.prop([link])('round-trip: parse(format(link)) gives the link back', (l) => {
    expect(parseLink(formatLink(l))).toEqual({ ok: true, link: l })
  })
})
