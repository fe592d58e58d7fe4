import { Draft, type World } from './draft'
import { newFolio } from './folio'
import { newThread } from './thread'
import type { Folio, State } from './types'

/** Test helpers: a world and a state with the given CPUs, and nothing else unless asked. */
export function testWorld(letters: readonly string[], locks: World['lockKinds'] = {}): World {
  return {
    pageSize: 4096,
    ptesPerTable: 512,
    lockKinds: locks,
    cpus: letters,
    threadMm: Object.fromEntries(letters.map((l) => [l, 'mm'])),
    toggles: [],
  }
}

export function testState(letters: readonly string[], folios: Record<string, Partial<Folio>> = {}): State {
  return {
    threads: Object.fromEntries(letters.map((l) => [l, newThread()])),
    folios: Object.fromEntries(
      Object.entries(folios).map(([id, f]) => [id, newFolio({ content: [''], ...f })])
    ),
    locks: {},
    pmds: {},
    tables: {},
    vmas: {},
    pageCache: {},
    rcu: {},
    iommus: {},
    completions: {},
    marks: {},
    vars: {},
  }
}

export function testDraft(
  letters: readonly string[],
  opts: { locks?: World['lockKinds']; folios?: Record<string, Partial<Folio>> } = {}
): Draft {
  return new Draft(testState(letters, opts.folios), testWorld(letters, opts.locks))
}
