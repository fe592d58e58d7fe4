import { expect } from 'vitest'

import { buildProgram, enabledThreads, replay, type ExploreResult, type Program, type State } from '../engine'
import type { StateTable } from '../engine/explore/stateTable'
import { loadScenario } from '../cli/scenarioFiles'

export function program(id: string, toggles: readonly string[] = []): Program {
  return buildProgram(loadScenario(id), toggles)
}

/** A small synthetic scenario for engine tests: threads and locks given, everything else minimal. */
export function synthetic(over: {
  threads: unknown[]
  outcomes: ({ id: string } & Record<string, unknown>)[]
}): unknown {
  return {
    id: 'synthetic',
    title: 'synthetic',
    summary: 'a test scenario',
    kernel: 'v6.0',
    initial: { locks: { L1: 'spin', L2: 'spin' }, folios: { F: { refcount: 1, content: [''] } } },
    toggles: [],
    reported: { schedule: '', outcome: over.outcomes[0]?.id ?? 'x', description: 'n/a' },
    ...over,
  }
}

/** One step of a synthetic thread: placeholder kernel names unless `extra` gives real ones. */
export const step = (id: string, ops: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  id,
  fn: 'f',
  file: 'mm/x.c',
  title: id,
  explain: 'a test step',
  ops,
  ...extra,
})

/**
 * Walks over a table's states as fast-check draws them: from the root (interned here if the
 * table is still empty), each number picks one of the enabled threads (modulo their count), and
 * `next` takes that step, returning the id reached.
 */
export function walkTable(
  p: Program,
  table: StateTable,
  walks: readonly (readonly number[])[],
  next: (at: number, s: State, t: string, enabled: readonly string[]) => number
): void {
  const root = table.size === 0 ? table.internRoot(p.initial) : 0
  for (const walk of walks) {
    let at = root
    for (const c of walk) {
      const s = table.state(at)
      const en = enabledThreads(p, s)
      if (en.length === 0) break
      at = next(at, s, en[c % en.length] as string, en)
    }
  }
}

/**
 * What a verdict is made of, to compare a reduced search with the full graph: reachability, the
 * shortest schedule's length, the counts. A livelock's witness is some fair cycle, not a
 * shortest one: only its existence is compared. A symmetric search meets a model error once per
 * orbit, so whether there is one is compared (symmetry.test.ts checks the messages).
 */
export function verdicts(r: ExploreResult) {
  return {
    complete: r.complete,
    errors: r.errors.length > 0,
    interleavings: r.interleavings,
    broken: r.broken,
    outcomes: r.outcomes.map((o) => [o.id, o.reachable, o.cycle ? null : o.steps, o.interleavings]),
  }
}

/**
 * Every schedule a (reduced) search reports for an outcome it reached replays, in the program
 * itself, into that outcome: the shortest, the others and the fewest-switch one, or for a
 * livelock its prefix and then its cycle.
 */
export function witnessesReplay(p: Program, r: ExploreResult): void {
  for (const o of r.outcomes) {
    if (o.reachable !== true) continue
    const schedules = o.cycle
      ? [`${o.cycle.prefix}${o.cycle.repeat}`]
      : [o.shortest ?? '', ...o.others, ...(o.fewestSwitches ? [o.fewestSwitches.schedule] : [])]
    for (const s of schedules) expect(replay(p, s).outcomes, `${o.id} via ${s}`).toContain(o.id)
  }
}
