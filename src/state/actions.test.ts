import { beforeEach, describe, expect, it } from 'vitest'

import { parseLink } from '../share/link'
import * as act from './actions'
import { initialView, useView } from './store'

const GUP = 'gup-fast-vs-thp-collapse'
const view = () => useView.getState()

beforeEach(() => {
  useView.setState(initialView, true)
})

describe('the store and its actions', () => {
  it('open a race at its reported interleaving, at the start', () => {
    act.openScenario(GUP)
    expect(view().scenarioId).toBe(GUP)
    expect(view().schedule.join('')).toBe('BBBAAAAAAAAAAAAAABBBBBAAAAAAAAAAAAAAAACCCDD')
    expect(view().position).toBe(0)
    expect(act.session()?.executed).toBe(43)
  })

  it('step within the executed part of the schedule', () => {
    act.openScenario(GUP)
    act.stepForward()
    act.stepForward()
    expect(view().position).toBe(2)
    act.toEnd()
    expect(view().position).toBe(43)
    act.stepForward()
    expect(view().position).toBe(43)
    act.toStart()
    act.stepBack()
    expect(view().position).toBe(0)
  })

  it('run a chosen thread next, dropping the rest of the schedule, and refuse a blocked one with the reason', () => {
    act.openScenario('device-private-fault-livelock')
    act.setPosition(10)
    expect(act.runThread('B')).toBe(false)
    expect(view().notices.at(-1)?.text).toBe('B is sleeping on driver_lock, held by A.')
    expect(act.runThread('A')).toBe(true)
    expect(view().schedule).toHaveLength(11)
    expect(view().position).toBe(11)
  })

  it('keep the interleaving when a fix is toggled, and say where it diverges', () => {
    act.openScenario(GUP)
    act.toEnd()
    act.toggle('gup-pmd-recheck')
    expect(view().toggles).toEqual(['gup-pmd-recheck'])
    const s = act.session()
    expect(s?.divergence).toMatchObject({
      index: 18,
      before: 'B gup_pte_range(): recheck the PTE; accept P0',
      after: 'B gup_pte_range(): recheck the PMD (the fix)',
    })
    expect(s?.divergence?.added).toContain('B gup_put_folio(): back off: drop the pin')
    // The old order runs out (C waits for the I/O); the page completes the run to its outcome.
    expect(s?.replay.dropped[0]?.message).toBe('step 40: C is sleeping in wait_for_completion(gup_done)')
    expect(s?.replay.ending).toEqual({ kind: 'finished' })
    expect(s?.replay.outcomes).not.toContain('stale-gup-page')
    expect(view().position).toBe(43)
    act.toggle('gup-pmd-recheck')
    expect(view().toggles).toEqual([])
  })

  it('express a default-on toggle switched off as -id, as links and the CLI do', () => {
    act.openScenario('device-private-fault-livelock')
    act.toggle('driver-lock')
    expect(view().toggles).toEqual(['-driver-lock'])
    expect(act.session()?.program.toggles).toEqual([])
  })

  it('refuse to combine alternative fixes', () => {
    act.openScenario('device-private-fault-livelock')
    act.toggle('trylock-fault-page')
    act.toggle('migration-entry-in-fault')
    expect(view().toggles).toEqual(['trylock-fault-page'])
    expect(view().notices.at(-1)?.text).toMatch(/alternatives and cannot be combined/)
  })

  it('reorder steps keeping each thread’s order, refusing only a move past its own steps', () => {
    act.openScenario(GUP)
    expect(act.moveStep(3, 2)).toBe(true)
    expect(view().schedule.slice(0, 4).join('')).toBe('BBAB')
    expect(act.moveStep(2, 0)).toBe(true)
    expect(view().schedule.slice(0, 4).join('')).toBe('ABBB')
    // Past another of its own steps: refused in plain words, the schedule unchanged.
    expect(act.moveStep(1, 3)).toBe(false)
    expect(view().notices.at(-1)?.text).toMatch(
      /^B runs its steps in program order: B .+\(\): .+ cannot move after B /
    )
    expect(view().schedule.slice(0, 4).join('')).toBe('ABBB')
  })

  it('answer a reorder that changes a thread’s path: new and vanished steps, and a run to its outcome', () => {
    act.openScenario(GUP)
    const run = act.session()?.replay.records ?? []
    const b6 = run.findIndex((r) => r.stepId === 'B6')
    const check = run.findIndex((r) => r.stepId === 'A12c.0')
    expect(act.moveStep(b6, check)).toBe(true)
    const s = act.session()
    expect(s?.divergence?.after).toBe('B try_grab_folio(): pin P0 (refcount += 1024)')
    expect(s?.divergence?.added.join('\n')).toMatch(/extra reference: SCAN_PAGE_COUNT/)
    expect(s?.divergence?.vanished.join('\n')).toMatch(/__collapse_huge_page_copy\(\): copy P0/)
    expect(s?.replay.ending).toEqual({ kind: 'finished' })
    expect(s?.replay.outcomes).toContain('collapse-aborted')
    // The stored order is the run itself, with no slot left that cannot run.
    expect(s?.replay.dropped).toEqual([])
    // A move that makes a thread wait is answered too: its slots are skipped, the run completed.
    act.openScenario('device-private-fault-livelock')
    expect(act.moveStep(26, 19)).toBe(true)
    expect(view().notices.at(-1)?.text).toMatch(/B is sleeping on driver_lock, held by A/)
    expect(act.session()?.replay.ending.kind).toMatch(/finished|deadlock|livelock|cycle/)
  })

  it('open a link exactly, and say what no longer matches', () => {
    const r = parseLink('#/gup-fast-vs-thp-collapse?with=ipi-flush,old-fix&s=B3A20&at=99&v=7')
    if (!r?.ok) throw new Error('link')
    act.openLink(r.link)
    expect(view().toggles).toEqual(['ipi-flush'])
    expect(view().position).toBe(act.session()?.executed)
    const text = view().notices.at(-1)?.text ?? ''
    expect(text).toMatch(/version 7 of this scenario, which is now version 2;/)
    expect(text).toMatch(/old-fix no longer exists/)
    expect(text).toMatch(
      /13 of its 23 steps could not run and were skipped \(first: step 11: A is waiting for B to take its IPI/
    )
  })

  it("tell a link made for an older version what the scenario's versions since changed", () => {
    const r = parseLink('#/retract-pt-vs-uffd-copy?s=A4B9A7E7&v=1')
    if (!r?.ok) throw new Error('link')
    act.openLink(r.link)
    const text = view().notices.at(-1)?.text ?? ''
    expect(text).toMatch(
      /made for version 1 of this scenario, which is now version 2 \(what changed in version 2: UFFDIO_COPY re-reads the PMD/
    )
  })

  it('give the current view back as a link that reopens it', () => {
    act.openScenario(GUP)
    act.setPosition(5)
    act.toggle('ipi-flush')
    const link = act.currentLink()
    expect(link).toMatchObject({
      scenario: GUP,
      with: ['ipi-flush'],
      schedule: 'B3A14B5A16C3D2',
      at: 5,
      version: 2,
    })
    useView.setState(initialView, true)
    if (link) act.openLink(link)
    expect(view().position).toBe(5)
    expect(view().toggles).toEqual(['ipi-flush'])
  })
})
