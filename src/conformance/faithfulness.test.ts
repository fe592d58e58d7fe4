import { describe, expect, it } from 'vitest'

import { knownIds } from '../cli/scenarioFiles'
import { buildProgram, closesSummary } from '../engine'
import { program } from './helpers'

const IDS = [
  'migration-vs-shmem-fault',
  'gup-fast-vs-thp-collapse',
  'exec-stack-vs-migration',
  'device-private-fault-livelock',
  'retract-pt-vs-uffd-copy',
]

describe('the five seed races', () => {
  it('are all there, under the ids CONVENTIONS.md fixes', () => {
    expect(knownIds()).toEqual([...IDS].sort())
  })
})

for (const id of IDS) {
  describe(`${id} is faithful in form`, () => {
    const sc = program(id).scenario

    it('names, for every step, its kernel function and file, with an Elixir link at a tag', () => {
      for (const th of sc.threads)
        for (const st of th.steps) {
          expect(st.fn, st.id).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/)
          expect(st.file, st.id).toMatch(/^(mm|fs|kernel|arch|include|lib|drivers|tools)\/[\w./-]+\.[ch]$/)
        }
      // Every toggle's steps too: build the program with each toggle on and check the links.
      for (const t of [[], ...sc.toggles.map((x) => [x.id])]) {
        let p
        try {
          p = buildProgram(sc, t)
        } catch {
          continue // a toggle that needs another is checked with it in the verdict tests
        }
        for (const th of p.threads)
          for (const st of th.steps)
            expect(st.link, st.spec.id).toMatch(
              /^https:\/\/elixir\.bootlin\.com\/linux\/v[0-9][\w.-]*\/source\/[\w./-]+(#L[0-9]+)?$/
            )
      }
    })

    it('explains every step in prose, not pasted source', () => {
      for (const th of sc.threads)
        for (const st of th.steps) {
          expect(st.explain.length, st.id).toBeGreaterThan(5)
          // Code reads as calls ending in `);`, braces, or control statements; prose does not.
          expect(st.explain, st.id).not.toMatch(/\b[a-z_]\w*\([^()]*\);|[{}]|^\s*(if|for|while|return)\s*\(/m)
        }
    })

    it('gives every fix its provenance and says whether it closes the race', () => {
      for (const t of sc.toggles) {
        const p = t.provenance
        expect(p.commit !== undefined || (p.by !== undefined && p.where !== undefined), t.id).toBe(true)
        if (t.kind === 'fix') expect(['yes', 'no', 'partly'], t.id).toContain(closesSummary(t))
        if (t.status === 'merged') expect(p.commit, `${t.id} is merged: which commit?`).toBeDefined()
      }
    })

    it('carries the reported interleaving and at least one bad outcome', () => {
      expect(sc.reported.schedule.length).toBeGreaterThan(0)
      expect(sc.outcomes.some((o) => o.severity === 'bad')).toBe(true)
    })
  })
}
