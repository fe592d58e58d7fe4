import type { ToggleSpec } from './schema'

export type ClosesWord = 'yes' | 'no' | 'partly' | 'n/a'

/**
 * What a toggle closes, one word for the whole race: a per-outcome `closes` reads `yes` when it
 * closes every outcome it names, `no` when none, and `partly` otherwise.
 */
export function closesSummary(t: Pick<ToggleSpec, 'closes'>): ClosesWord {
  if (typeof t.closes === 'string') return t.closes
  const words = Object.values(t.closes)
  if (words.every((w) => w === 'yes')) return 'yes'
  if (words.every((w) => w === 'no')) return 'no'
  return 'partly'
}

/** The per-outcome verdicts a toggle states, in file order; empty for a one-word `closes`. */
export function closesPerOutcome(
  t: Pick<ToggleSpec, 'closes'>
): readonly { readonly outcome: string; readonly closes: 'yes' | 'no' | 'partly' }[] {
  if (typeof t.closes === 'string') return []
  return Object.entries(t.closes).map(([outcome, closes]) => ({ outcome, closes }))
}
