import { roomFor } from './roomFor'

/**
 * Which outcomes hold at which explored states, as one bit per (state, outcome): a byte per
 * state for up to eight outcomes, where lists of state ids cost 8 bytes per hit (most states of
 * a large race hold some mark). The first few states of each outcome (breadth-first: the
 * nearest) are kept as ids too, for the reports' schedules.
 */
export class Hits {
  /** Bytes per state. */
  private readonly stride: number
  private bits = new Uint8Array(0)
  private readonly counts: number[]
  private readonly firsts: number[][]

  constructor(
    readonly outcomes: number,
    /** How many of each outcome's nearest states `first` keeps. */
    private readonly keep: number
  ) {
    this.stride = Math.max(1, Math.ceil(outcomes / 8))
    this.counts = new Array<number>(outcomes).fill(0)
    this.firsts = Array.from({ length: outcomes }, () => [])
  }

  /** Outcome `k` holds at state `v` (each pair once; states in increasing order per outcome). */
  add(v: number, k: number): void {
    const at = v * this.stride + (k >> 3)
    this.bits = roomFor(this.bits, at, 1.5, 1024)
    this.bits[at] = (this.bits[at] as number) | (1 << (k & 7))
    const n = this.counts[k] as number
    this.counts[k] = n + 1
    if (n < this.keep) (this.firsts[k] as number[]).push(v)
  }

  has(v: number, k: number): boolean {
    const at = v * this.stride + (k >> 3)
    return at < this.bits.length && ((this.bits[at] as number) & (1 << (k & 7))) !== 0
  }

  /** How many states outcome `k` holds at. */
  count(k: number): number {
    return this.counts[k] as number
  }

  /** The nearest states where outcome `k` holds (at most `keep`). */
  first(k: number): readonly number[] {
    return this.firsts[k] as number[]
  }

  /** Every state where outcome `k` holds, in increasing order. */
  *states(k: number): Generator<number> {
    // Ceiling: the last state may hold only its first bytes (`has` reads past them as unset).
    const size = Math.ceil(this.bits.length / this.stride)
    let left = this.count(k)
    for (let v = 0; v < size && left > 0; v++)
      if (this.has(v, k)) {
        left--
        yield v
      }
  }

  /** Per state of `size`, 1 where any of `ks` holds: what counting one outcome reads. */
  indicator(size: number, ks: readonly number[]): Uint8Array {
    const h = new Uint8Array(size)
    for (let v = 0; v < size; v++) for (const k of ks) if (this.has(v, k)) h[v] = 1
    return h
  }
}
