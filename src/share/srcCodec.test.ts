import { readFileSync } from 'node:fs'

import { deflateSync } from 'fflate'
import { describe, expect, it } from 'vitest'

import { parseScenario } from '../engine'
import { formatLink, MAX_SRC_CHARS, parseLink } from './link'
import { decodeSrc, encodeSrc, SrcError } from './srcCodec'

const b64url = (b: Uint8Array) => Buffer.from(b).toString('base64url')

describe('the scenario inside a link', () => {
  it('round-trips every bundled scenario through the link exactly, well under the link limit', () => {
    for (const id of [
      'gup-fast-vs-thp-collapse',
      'retract-pt-vs-uffd-copy',
      'device-private-fault-livelock',
    ]) {
      const json = readFileSync(`scenarios/${id}.json`, 'utf8')
      const src = encodeSrc(json)
      expect(src).toMatch(/^[A-Za-z0-9_-]+$/)
      expect(src.length).toBeLessThan(MAX_SRC_CHARS)
      const r = parseLink(formatLink({ scenario: id, with: [], schedule: 'A', at: 1, version: 1, src }))
      expect(r?.ok && r.link.src).toBe(src)
      expect(decodeSrc(src)).toBe(json)
      expect(parseScenario(decodeSrc(src), 'link').id).toBe(id)
    }
  })

  it('refuses a payload that would unpack past the loader limit, while unpacking', () => {
    const bomb = encodeSrc(' '.repeat(5_000_000))
    expect(bomb.length).toBeLessThan(10_000)
    expect(() => decodeSrc(bomb)).toThrow(/unpacks to more than 1000000 bytes/)
  })

  it('says plainly when a payload is cut, damaged, not base64url or not text', () => {
    const src = encodeSrc(readFileSync('scenarios/gup-fast-vs-thp-collapse.json', 'utf8'))
    expect(() => decodeSrc(src.slice(0, src.length / 2))).toThrow(SrcError)
    expect(() => decodeSrc('not+base64')).toThrow(/not base64url/)
    expect(() => decodeSrc(b64url(new Uint8Array([0xff, 0xff, 0xff, 0xff])))).toThrow(SrcError)
    expect(() => decodeSrc(b64url(deflateSync(new Uint8Array([0xc3, 0x28]))))).toThrow(/not text/)
  })
})
