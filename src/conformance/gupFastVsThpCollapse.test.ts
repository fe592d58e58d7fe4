import { describe, expect, it } from 'vitest'

import { explore, replay } from '../engine'
import { program } from './helpers'

const ID = 'gup-fast-vs-thp-collapse'

describe(`${ID}: the reported interleaving`, () => {
  it('replays as the thread tells it and ends with a stale pin and a lost write', () => {
    const r = replay(program(ID), 'reported')
    expect(r.error).toBeNull()
    expect(r.terminal).toBe(true)
    expect(r.outcomes).toEqual(['stale-gup-page', 'lost-write'])
    const order = r.records.map((x) => x.stepId)
    // Yang Shi's diagram: the check happens before the pin, the PTE recheck before ptep_clear.
    expect(order.indexOf('A12c.0')).toBeLessThan(order.indexOf('B6'))
    expect(order.indexOf('B8')).toBeLessThan(order.indexOf('A16c.0'))
    const check = r.records.find((x) => x.stepId === 'A12c.0')?.effects.find((e) => e.kind === 'check')
    expect(check).toMatchObject({ actual: '1', expected: '1', ok: true })
    const final = r.states.at(-1)
    expect(final?.threads.D?.locals.seen).toBe('v1')
    expect(final?.pmds['mm:0x200000']).toEqual({ k: 'huge', folio: 'H', write: true })
    expect(final?.tables.T0?.status).toBe('deposited')
  })

  it('with the merged fix, the same interleaving backs off to the slow path and pins H', () => {
    const r = replay(program(ID, ['gup-pmd-recheck']), 'B3A14B5')
    expect(r.error).toBeNull()
    expect(r.records.map((x) => x.stepId).slice(-5)).toEqual(['B6', 'B7', 'B9u', 'B10', 'B11'])
    const full = replay(program(ID, ['gup-pmd-recheck']), 'B3A14B5A16B5C3D2')
    expect(full.error).toBeNull()
    expect([...full.outcomes].sort()).toEqual(['collapsed', 'gup-slow-path'])
    expect(full.states.at(-1)?.threads.B?.locals.page).toBe('H#0')
  })

  it('with an IPI flush, khugepaged waits for GUP-fast and then sees its pin', () => {
    const p = program(ID, ['ipi-flush'])
    const r = replay(p, 'B3A7')
    expect(r.records.at(-1)?.blockedAfter).toBe('A is waiting for B to take its IPI (IRQs disabled there)')
    const blocked = replay(p, 'B3A8')
    expect(blocked.error?.message).toBe('step 11: A is waiting for B to take its IPI (IRQs disabled there)')
    const done = replay(p, 'B3A7B5A11C3D2')
    expect(done.error).toBeNull()
    expect(done.outcomes).toEqual(['collapse-aborted'])
  })
})

describe(`${ID}: exhaustive exploration`, () => {
  it('finds the stale page and the lost write with the arm64 broadcast flush and no fix', () => {
    const r = explore(program(ID))
    expect(r.complete).toBe(true)
    const bad = Object.fromEntries(r.outcomes.map((o) => [o.id, o]))
    expect(bad['stale-gup-page']?.reachable).toBe(true)
    expect(bad['lost-write']?.reachable).toBe(true)
    expect(bad.deadlock?.reachable).toBe(false)
    // The shortest witness is a real schedule that replays into the outcome.
    const w = bad['stale-gup-page']?.shortest ?? ''
    expect(replay(program(ID), w).outcomes).toContain('stale-gup-page')
  })

  for (const fix of ['gup-pmd-recheck', 'ipi-flush', 'table-sync-ipi']) {
    it(`finds no interleaving that breaks with ${fix}, while both safe outcomes stay reachable`, () => {
      const r = explore(program(ID, [fix]))
      expect(r.complete).toBe(true)
      expect(r.errors).toEqual([])
      const by = Object.fromEntries(r.outcomes.map((o) => [o.id, o.reachable]))
      expect(by).toMatchObject({
        'stale-gup-page': false,
        'lost-write': false,
        deadlock: false,
        collapsed: true,
        'collapse-aborted': true,
      })
    })
  }

  it('stops at a state budget with an explicit incomplete result', () => {
    const r = explore(program(ID), { maxStates: 100 })
    expect(r.complete).toBe(false)
    expect(r.incompleteReason).toMatch(/^incomplete after 100 states/)
    expect(r.outcomes.find((o) => o.id === 'deadlock')?.reachable).toBe('unknown')
  })

  it('stops at a time budget using the clock it is given', () => {
    let t = 0
    const r = explore(program(ID), { maxMillis: 5, now: () => (t += 1) })
    expect(r.complete).toBe(false)
    expect(r.incompleteReason).toMatch(/time budget 5 ms/)
  })
})
