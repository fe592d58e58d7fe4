/**
 * The hash functions of plain state values. Records hash order-independently (a sum over their
 * entries), because equal records can be built with their keys in different orders; arrays keep
 * their order (lock queues are ordered on purpose).
 */
const strings = new Map<string, number>()
const STRING_CACHE_LIMIT = 1 << 16

const TAG_STR = 0x27d4eb2f
const TAG_NUM = 0x165667b1
const TAG_OBJ = 0x61c88647
const TAG_ARR = 0x7feb352d

function fmix(x: number): number {
  let h = x
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h | 0
}

function stringHash(s: string): number {
  const known = strings.get(s)
  if (known !== undefined) return known
  let h = 0x811c9dc5 ^ TAG_STR
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193)
  h = fmix(h ^ s.length)
  // Strings in states come from a scenario's finite vocabulary; the cap only guards a long-lived
  // worker that explores many scenarios.
  if (strings.size >= STRING_CACHE_LIMIT) strings.clear()
  strings.set(s, h)
  return h
}

function numberHash(n: number): number {
  if ((n | 0) === n) return fmix(n ^ TAG_NUM)
  // Addresses above 2^31 and (in principle) fractions: hash the exact decimal text.
  return fmix(stringHash(String(n)) ^ TAG_NUM)
}

/** The hash of a string, number, boolean or null (objects are hashed by their owner). */
export function primitiveHash(v: unknown): number {
  switch (typeof v) {
    case 'string':
      return stringHash(v)
    case 'number':
      return numberHash(v)
    case 'boolean':
      return v ? 0x3c6ef372 : 0x1b873593
    default:
      if (v === null) return 0x5bd1e995
      throw new TypeError(`a state holds a ${typeof v}`)
  }
}

/** Folds an array's element hashes in order. */
export function arrayStep(h: number, elementHash: number): number {
  return fmix(h + elementHash)
}

export function arraySeed(length: number): number {
  return TAG_ARR ^ length
}

export const RECORD_SEED = TAG_OBJ

/** A record entry's share of the record's hash; the record's hash is the sum of its entries'. */
export function entryHash(k: string, valueHash: number): number {
  return fmix(keyMix(k) + valueHash)
}

/** The key's part of `entryHash`, for a caller that hashes many values under one key. */
export function keyMix(k: string): number {
  return Math.imul(stringHash(k), 0x9e3779b1)
}

/** `entryHash(k, valueHash)` given `keyMix(k)`. */
export function mixedEntryHash(mix: number, valueHash: number): number {
  return fmix(mix + valueHash)
}

/** A map's share of its state's hash, from its name and its own hash (the sum of its entries'). */
export function mapShare(name: string, mapHash: number): number {
  // entryHash('', mapHash), with the empty key's mix looked up once.
  emptyKeyMix ??= keyMix('')
  return fmix(stringHash(name) ^ mixedEntryHash(emptyKeyMix, mapHash))
}

let emptyKeyMix: number | undefined
