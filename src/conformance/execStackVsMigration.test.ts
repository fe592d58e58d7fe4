import { describe, expect, it } from 'vitest'

import { buildProgram, explore, replay } from '../engine'
import { loadScenario } from '../cli/scenarioFiles'
import { program } from './helpers'

/**
 * exec-stack-vs-migration after the independent kernel review (shared/reviews/race-002.md):
 * every toggle set's full verdict, pinned, so that any change to what the explorer finds fails
 * here; and the review's traces replayed step by step. The engine computes every verdict.
 */
const ID = 'exec-stack-vs-migration'
const OUTCOMES = [
  'migration-entry-leaked',
  'bug-swapops',
  'stack-data-lost',
  'straggler-uaf',
  'migrated',
  'migration-eagain',
  'argv-read',
  'deadlock',
] as const

/** For each set, the outcomes the explorer must find reachable; every other one must be unreachable. */
const VERDICTS: readonly (readonly [readonly string[], readonly (typeof OUTCOMES)[number][]])[] = [
  [
    [],
    ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated', 'migration-eagain', 'argv-read'],
  ],
  [['skip-temporary-stack'], ['migrated', 'migration-eagain', 'argv-read']],
  [['anon-vma-lock-across-move'], ['migrated', 'migration-eagain', 'argv-read']],
  // Window A stays open whether the VMA change is locked as Mel's V2 2/3 or as v2.6.36 does it.
  [
    ['anon-vma-lock-in-vma-adjust'],
    ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated', 'migration-eagain', 'argv-read'],
  ],
  [
    ['root-anon-vma-lock'],
    ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated', 'migration-eagain', 'argv-read'],
  ],
  [['kamezawa-unstable-rmap'], ['migrated', 'migration-eagain', 'argv-read']],
  [
    ['stack-counters-heuristic'],
    ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated', 'migration-eagain', 'argv-read'],
  ],
  [['mm-seqcount'], ['migrated', 'migration-eagain', 'argv-read']],
  // Pinned from the start and checked only after unmapping: the restore walk misses, X is freed.
  [
    ['gup-pin-stack'],
    ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated', 'migration-eagain', 'argv-read'],
  ],
  // Pinned just before vma_adjust and checked before unmapping: a check made before the pin lets
  // the migration go on, and the pin then fails it after the entries are in.
  [
    ['gup-pin-before-vma-adjust'],
    ['migration-entry-leaked', 'bug-swapops', 'stack-data-lost', 'migrated', 'migration-eagain', 'argv-read'],
  ],
  // Mel's V2 3/3: the entry outlives the page lock until exec meets it, and exec may take a
  // reference on a page the migration has already freed.
  [
    ['move-ptes-remove-stragglers'],
    [
      'migration-entry-leaked',
      'bug-swapops',
      'stack-data-lost',
      'straggler-uaf',
      'migrated',
      'migration-eagain',
      'argv-read',
    ],
  ],
  // The write lock keeps migration wholly before or wholly after the shift: it never fails.
  [['migration-takes-mmap-sem'], ['migrated', 'argv-read']],
]

describe(`${ID}: the verdict of every toggle set`, () => {
  for (const [toggles, reach] of VERDICTS)
    it(`with ${toggles.join(' + ') || 'no toggle'}: exactly ${reach.join(', ')} reachable`, () => {
      const r = explore(program(ID, toggles))
      expect(r.complete).toBe(true)
      expect(r.errors).toEqual([])
      const got = Object.fromEntries(r.outcomes.map((o) => [o.id, o.reachable]))
      expect(got).toEqual(Object.fromEntries(OUTCOMES.map((o) => [o, reach.includes(o)])))
      // Each reachable outcome's shortest schedule replays into it.
      for (const o of r.outcomes.filter((x) => x.reachable === true && x.shortest))
        expect(replay(program(ID, toggles), o.shortest ?? '').outcomes, o.id).toContain(o.id)
    })

  it('covers every toggle of the scenario', () => {
    const ids = loadScenario(ID).toggles.map((t) => t.id)
    expect(VERDICTS.flatMap(([t]) => t).sort()).toEqual([...ids].sort())
  })
})

/** The state after the last step of a replay. */
const last = (r: ReturnType<typeof replay>) => r.states[r.states.length - 1] as (typeof r.states)[number]

/** The steps a schedule ran, by id. */
const ran = (toggles: string[], schedule: string) => {
  const r = replay(program(ID, toggles), schedule)
  expect(r.error).toBeNull()
  return { r, steps: r.records.filter((x) => x.kind === 'run').map((x) => x.stepId) }
}

describe(`${ID}: the review's traces`, () => {
  it('window B: the walk computes the old address, exec widens and moves, the look misses', () => {
    // B up to its address computation, then A widens (A3) and moves (A4), then B looks.
    const { r, steps } = ran([], 'B11 A3 B4 A4 C6')
    const at = (id: string) => steps.indexOf(id)
    expect(at('B9a')).toBeLessThan(at('A3'))
    expect(at('A4')).toBeLessThan(at('B9b'))
    expect(r.outcomes).toEqual(
      expect.arrayContaining(['migration-entry-leaked', 'stack-data-lost', 'bug-swapops'])
    )
  })

  it('window B is closed by locking the VMA change, window A is not', () => {
    for (const t of ['anon-vma-lock-in-vma-adjust', 'root-anon-vma-lock']) {
      const r = explore(program(ID, [t]))
      const w = r.outcomes.find((o) => o.id === 'migration-entry-leaked')
      // Every leaking run the explorer shows has the walk compute its address after the widening.
      const steps = ran([t], w?.shortest ?? '').steps
      const widen = steps.findIndex((s) => s.startsWith('A3'))
      expect(widen, t).toBeGreaterThanOrEqual(0)
      expect(widen, t).toBeLessThan(steps.indexOf('B9a'))
      // …and looks before the entry moves (the run may end before the move).
      const move = steps.indexOf('A4')
      expect(move === -1 || steps.indexOf('B9b') < move, t).toBe(true)
    }
  })

  it('the early pin: a migration that checked before exec pinned X still leaves its entry, and X is freed', () => {
    const { r, steps } = ran(['gup-pin-before-vma-adjust'], 'AB4AB2AB8A4BA2B2C6')
    expect(steps.indexOf('B5p')).toBeLessThan(steps.indexOf('A2g'))
    expect(steps).toContain('B8f')
    expect(r.outcomes).toEqual(
      expect.arrayContaining(['migration-entry-leaked', 'stack-data-lost', 'bug-swapops'])
    )
    expect(r.outcomes).not.toContain('migration-eagain')
    expect(last(r).folios.X?.freed).toBe(true)
  })

  it('the early pin: exec pinning first makes migration give up before it unmaps anything', () => {
    const { r, steps } = ran(['gup-pin-before-vma-adjust'], 'A2B4')
    expect(steps).toEqual(['A0', 'A2g', 'B0', 'B1', 'B2', 'B5p'])
    const { r: r2 } = ran(['gup-pin-before-vma-adjust'], 'A2B5')
    expect(r2.outcomes).toContain('migration-eagain')
    expect(last(r).folios.X?.mapcount).toBe(1)
  })

  it('exec GUP that meets a migration entry waits for that migration, then pins the copy', () => {
    // B migrates X completely while A waits in migration_entry_wait; A then pins Y.
    const { r, steps } = ran(['gup-pin-before-vma-adjust'], 'A B10 A3 B7 A2')
    expect(steps).toEqual(expect.arrayContaining(['A2gw', 'A2gs', 'B11']))
    expect(steps.indexOf('B11')).toBeLessThan(steps.lastIndexOf('A2g'))
    expect(r.outcomes).toContain('migrated')
    expect(last(r).threads.A?.locals.pin1).toMatchObject({ k: 'present', folio: 'Y' })
  })

  it('the pin taken from the start: the restore walk misses, so X is freed with its data (I7)', () => {
    const { r } = ran(['gup-pin-stack'], 'AB5AB8A4BA2B2C6')
    expect(r.outcomes).toEqual(
      expect.arrayContaining(['migration-entry-leaked', 'stack-data-lost', 'bug-swapops'])
    )
    expect(r.outcomes).not.toContain('migration-eagain')
  })

  it('a first walk that missed still runs the restore walk, which finds nothing (N1)', () => {
    // A widens first; B's first walk looks at 0x7fb000 and misses; X stays mapped.
    const { r, steps } = ran([], 'A2B16')
    expect(steps).toEqual(expect.arrayContaining(['B6bu', 'B7r', 'B9', 'B9a', 'B9b', 'B9c', 'B10x']))
    expect(r.outcomes).toContain('migration-eagain')
    expect(last(r).folios.X?.freed).toBe(false)
  })

  it("Linus's variant takes mmap_sem for writing before it touches X (E1, I4)", () => {
    const p = program(ID, ['migration-takes-mmap-sem'])
    const b = p.threads.find((t) => t.letter === 'B')
    const ids = b?.steps.map((s) => s.spec.id) ?? []
    expect(ids.indexOf('B2m')).toBeLessThan(ids.indexOf('B0'))
    expect(b?.steps.find((s) => s.spec.id === 'B2m')?.spec.ops).toEqual([
      { op: 'lock', lock: 'mmap_sem', mode: 'write' },
    ])
  })

  it('the merged tag is the flag pair itself: clearing it leaves neither bit (I2)', () => {
    const r = replay(program(ID, ['skip-temporary-stack']), 'A8')
    expect(r.error).toBeNull()
    const flags = last(r).vmas.V?.flags ?? []
    expect(flags).not.toContain('VM_RAND_READ')
    expect(flags).not.toContain('VM_SEQ_READ')
    const sc = loadScenario(ID)
    expect(JSON.stringify(sc)).not.toContain('"VM_STACK_INCOMPLETE_SETUP"')
  })
})

describe(`${ID}: Mel's V2 3/3 (move-ptes-remove-stragglers)`, () => {
  it('restores X at the old address when it meets the entry while the migration still holds X', () => {
    // B unmaps X; A widens and meets the entry (moving X0 first), takes X and sleeps on its lock.
    const { r, steps } = ran(['move-ptes-remove-stragglers'], 'AB8A4')
    expect(steps).toEqual(['A0', 'B0', 'B1', 'B2', 'B6', 'B6a', 'B6b', 'B6c', 'B7', 'A3', 'A4c', 'A4g'])
    expect(last(r).threads.A?.blocked).not.toBeNull()
    // exec's reference makes the copy fail; the restore walk misses; X is unlocked, exec restores it.
    const done = ran(['move-ptes-remove-stragglers'], 'AB8A4B8A4')
    expect(done.steps).toEqual(expect.arrayContaining(['B8f', 'B10x', 'A4i', 'A4j']))
    expect(last(done.r).folios.X?.freed).toBe(false)
    expect(done.r.outcomes).not.toContain('straggler-uaf')
  })
})

describe(`${ID}: provenance`, () => {
  it('names, for every toggle, a commit or a Message-ID, and a link a reader can open', () => {
    const sc = loadScenario(ID)
    for (const t of sc.toggles) {
      const p = t.provenance
      expect(p.subject, t.id).toBeTruthy()
      expect(p.by, t.id).toMatch(/\b(19|20)\d\d-\d\d-\d\d\b/)
      if (p.commit) expect(p.where, t.id).toContain(`https://git.kernel.org/torvalds/c/${p.commit}`)
      else {
        const id = /Message-ID (\S+?),/.exec(p.where ?? '')?.[1]
        expect(id, t.id).toBeTruthy()
        expect(p.where, t.id).toContain(`https://lore.kernel.org/r/${id ?? ''}`)
      }
    }
  })

  it('builds every toggle set with links at a tag', () => {
    const sc = loadScenario(ID)
    for (const t of sc.toggles)
      for (const th of buildProgram(sc, [t.id]).threads)
        for (const st of th.steps)
          expect(st.link, st.spec.id).toMatch(/^https:\/\/elixir\.bootlin\.com\/linux\/v2\.6\.3[456]\//)
  })
})
