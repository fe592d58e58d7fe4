/**
 * `a` when it has an index `i`, else a copy of it grown to hold `i` (by `factor`, to at least
 * `min` elements), zeros after its contents. The explorer's per-id tables (cells, worlds,
 * states) grow this way as ids are handed out.
 */
export function roomFor<T extends Int32Array | Uint8Array>(a: T, i: number, factor = 2, min = 256): T {
  if (i < a.length) return a
  const n = Math.max(Math.ceil(a.length * factor), i + 1, min)
  const b = new (a.constructor as new (length: number) => T)(n)
  b.set(a)
  return b
}
