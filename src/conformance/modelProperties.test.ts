import { fc, test } from '@fast-check/vitest'
import { expect } from 'vitest'

import { enabledThreads, runStep, stateKey, StepError, type Program, type State } from '../engine'
import { program } from './helpers'

const ID = 'gup-fast-vs-thp-collapse'
const programs: Program[] = [[], ['gup-pmd-recheck'], ['ipi-flush'], ['table-sync-ipi']].map((t) =>
  program(ID, t)
)

/** Run choices as a schedule: each number picks one of the threads that can move. */
function drive(p: Program, choices: readonly number[], each: (s: State) => void): string[] {
  let s = p.initial
  const keys = [stateKey(s)]
  each(s)
  for (const c of choices) {
    const en = enabledThreads(p, s)
    if (en.length === 0) break
    s = runStep(p, s, en[c % en.length] ?? '').state
    keys.push(stateKey(s))
    each(s)
  }
  return keys
}

function sane(p: Program, s: State): void {
  for (const [id, f] of Object.entries(s.folios)) {
    expect(f.refcount, `${id} refcount`).toBeGreaterThanOrEqual(0)
    expect(f.mapcount, `${id} mapcount`).toBeGreaterThanOrEqual(0)
    if (f.freed) expect(f.mapcount, `${id} freed while mapped`).toBe(0)
  }
  for (const [name, l] of Object.entries(s.locks)) {
    const writers = l.holders.filter((h) => h.mode === 'write')
    if (writers.length > 0) expect(l.holders.length, `${name} held exclusively`).toBe(1)
    expect(new Set(l.holders.map((h) => h.t)).size).toBe(l.holders.length)
    for (const w of l.waiters) expect(s.threads[w.t]?.blocked, `${w.t} queued on ${name}`).not.toBeNull()
  }
  for (const [t, th] of Object.entries(s.threads)) {
    if (th.blocked?.kind === 'lock')
      expect(s.locks[th.blocked.lock]?.waiters.some((w) => w.t === t)).toBe(true)
    // No step runs while its thread is blocked.
    if (th.blocked) expect(() => runStep(p, s, t)).toThrow(StepError)
  }
}

const schedules = fc.tuple(
  fc.integer({ min: 0, max: programs.length - 1 }),
  fc.array(fc.nat(7), { maxLength: 80 })
)

test.prop([schedules])('random schedules never break the model’s sanity invariants', ([pi, choices]) => {
  const p = programs[pi] as Program
  drive(p, choices, (s) => sane(p, s))
})

test.prop([schedules])(
  'replay is deterministic: the same schedule gives the same states',
  ([pi, choices]) => {
    const p = programs[pi] as Program
    expect(drive(p, choices, () => undefined)).toEqual(drive(p, choices, () => undefined))
  }
)
