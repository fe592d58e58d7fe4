import { buildProgram, type Program } from '../engine'
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
