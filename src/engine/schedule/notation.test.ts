import { fc, test } from '@fast-check/vitest'
import { describe, expect, it } from 'vitest'

import { formatSchedule, parseSchedule } from './notation'

describe('the schedule notation', () => {
  it('expands counts, ignores spaces and commas, and accepts lower case', () => {
    expect(parseSchedule('B3A7B2A')).toEqual([
      ...Array<string>(3).fill('B'),
      ...Array<string>(7).fill('A'),
      'B',
      'B',
      'A',
    ])
    expect(parseSchedule('b3, a 2')).toEqual(['B', 'B', 'B', 'A', 'A'])
    expect(parseSchedule('')).toEqual([])
  })

  it('says where the text is wrong', () => {
    expect(() => parseSchedule('A2?B')).toThrow(/character 3, found '\?'/)
    expect(() => parseSchedule('A0')).toThrow(/count 0/)
    expect(() => parseSchedule('A999999999')).toThrow(/longer than/)
  })

  it('formats runs compactly', () => {
    expect(formatSchedule(['B', 'B', 'B', 'A', 'C', 'C'])).toBe('B3AC2')
  })

  test.prop([fc.array(fc.constantFrom('A', 'B', 'C', 'D'), { maxLength: 200 })])(
    'round-trips: parse(format(s)) = s',
    (letters) => {
      expect(parseSchedule(formatSchedule(letters))).toEqual(letters)
    }
  )

  test.prop([
    fc.array(fc.tuple(fc.constantFrom('a', 'B', 'c'), fc.integer({ min: 1, max: 20 })), { maxLength: 30 }),
  ])('format is canonical: formatting a parsed text and parsing again changes nothing', (tokens) => {
    const text = tokens.map(([l, n]) => `${l}${String(n)}`).join(' ')
    const once = formatSchedule(parseSchedule(text))
    expect(formatSchedule(parseSchedule(once))).toBe(once)
  })
})
