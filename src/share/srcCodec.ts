import { deflateSync, Inflate } from 'fflate'

import { MAX_SCENARIO_BYTES } from '../engine'

/**
 * The scenario carried in a link (`src=`, CONVENTIONS.md): its JSON text, deflate-raw
 * compressed, base64url without padding. Decoding is bounded: a payload that inflates past the
 * loader's size limit is refused while it inflates, so a small link cannot fill memory.
 */
export class SrcError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SrcError'
  }
}

export function encodeSrc(json: string): string {
  return toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 }))
}

/** The JSON text inside a `src=` payload. Throws SrcError with a sentence a person can act on. */
export function decodeSrc(src: string, maxBytes = MAX_SCENARIO_BYTES): string {
  const bytes = fromBase64Url(src)
  const chunks: Uint8Array[] = []
  let total = 0
  const done = { ended: false }
  const inflater = new Inflate((chunk, final) => {
    total += chunk.length
    if (total > maxBytes)
      throw new SrcError(
        `The scenario in the link unpacks to more than ${String(maxBytes)} bytes; it was not opened.`
      )
    chunks.push(chunk)
    if (final) done.ended = true
  })
  try {
    // Small slices, so the size check runs long before a hostile payload is fully inflated.
    const SLICE = 1024
    for (let i = 0; i < bytes.length; i += SLICE)
      inflater.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length)
    if (bytes.length === 0) inflater.push(new Uint8Array(0), true)
  } catch (e) {
    if (e instanceof SrcError) throw e
    throw new SrcError('The scenario in the link is damaged (it does not unpack); was the link cut short?')
  }
  if (!done.ended) throw new SrcError('The scenario in the link is cut short; was the link copied whole?')
  const all = new Uint8Array(total)
  let at = 0
  for (const c of chunks) {
    all.set(c, at)
    at += c.length
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all)
  } catch {
    throw new SrcError('The scenario in the link is not text (UTF-8).')
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let bin = ''
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(bin).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')
}

function fromBase64Url(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1)
    throw new SrcError('The scenario in the link ("src") is not base64url.')
  const bin = atob(s.replaceAll('-', '+').replaceAll('_', '/') + '='.repeat((4 - (s.length % 4)) % 4))
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}
