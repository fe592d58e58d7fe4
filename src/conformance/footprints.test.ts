import { describe, expect, it } from 'vitest'

import { enabledThreads, runStep, stateKey, StepError, type Program, type State } from '../engine'
import { overlaps, stepFootprint, type Footprint } from '../engine/explore/footprint'
import { WHOLE_MAP } from '../engine/model/draft'
import { program } from './helpers'
import { MATRIX } from './matrix'

/** Per set: the first states breadth-first, then random runs to the end (fixed seed). */
const STATES = 400
const WALKS = 60

const covered = (res: string, among: readonly string[]) => among.some((x) => overlaps(res, x))
/** An assertion that costs nothing when it holds (a check runs for every step of every walk). */
const ok = (cond: boolean, message: () => string) => {
  if (!cond) expect.fail(message())
}

/**
 * What one step of `t` from `s` actually read and wrote, checked against its static footprint:
 * every cell written lies in a declared write; every cell read of another thread or of the
 * shared maps in a declared read or write. The running thread's own cell is checked by field:
 * its pc is always written, locals only as declared (`threads:T.locals.x`), anything else
 * (TLB, IRQs, `blocked`…) only under `threads:T.cpu`; another thread's only under
 * `threads:U.cpu`, or when the step hands U the lock or completion it was blocked on.
 */
function check(p: Program, s: State, t: string): State | null {
  const step = p.threads.find((x) => x.letter === t)?.steps[s.threads[t]?.pc ?? -1]
  if (!step) return null
  const f: Footprint = stepFootprint(step)
  const both = [...f.reads, ...f.writes]
  const reads: unknown[] = []
  let next: State
  try {
    next = runStep(p, s, t, false, reads).state
  } catch (e) {
    if (e instanceof StepError) return null
    throw e
  }
  const where = `${t} ${step.spec.id}`
  /**
   * A wake-up: `u` was blocked on a lock or completion this step writes (so the step and `u`'s
   * waiting step are dependent through it), and is handed it: its cell may be read and written.
   */
  const wakes = (u: string): boolean => {
    const b = s.threads[u]?.blocked
    if (b?.kind === 'lock' || b?.kind === 'unlock-wait') return covered(`locks:${b.lock}`, f.writes)
    return b?.kind === 'completion' && covered(`completions:${b.name}`, f.writes)
  }
  for (let i = 0; i < reads.length; i += 3) {
    const [map, id] = [reads[i] as string, reads[i + 1] as string]
    if (map === 'threads' && (id === t || wakes(id))) continue
    const res = id === WHOLE_MAP ? `${map}:*` : `${map}:${id}`
    ok(covered(res, both), () => `${where} reads ${res}; declared ${both.join(' ')}`)
  }
  for (const map of Object.keys(next) as (keyof State)[]) {
    const before = s[map] as Record<string, unknown>
    const after = next[map] as Record<string, unknown>
    if (before === after) continue
    for (const id of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (before[id] === after[id]) continue
      if (map !== 'threads') {
        const res = `${map}:${id}`
        ok(covered(res, f.writes), () => `${where} writes ${res}; declared ${f.writes.join(' ')}`)
        continue
      }
      const b = before[id] as Record<string, unknown>
      const a = after[id] as Record<string, unknown>
      for (const field of Object.keys(a)) {
        if (a[field] === b[field]) continue
        if (field === 'pc') ok(id === t, () => `${where} moves ${id}'s pc`)
        else if (field === 'locals') {
          ok(id === t, () => `${where} writes ${id}'s locals`)
          const la = a.locals as Record<string, unknown>
          const lb = b.locals as Record<string, unknown>
          for (const x of Object.keys(la))
            if (la[x] !== lb[x])
              ok(f.writes.includes(`threads:${t}.locals.${x}`), () => `${where} writes local ${x}`)
        } else if (id === t || !wakes(id)) {
          const res = `threads:${id}.cpu`
          ok(covered(res, f.writes), () => `${where} writes ${id}.${field}; declared ${f.writes.join(' ')}`)
        }
      }
    }
  }
  return next
}

describe('static footprints cover what steps do', () => {
  for (const [id, toggles] of MATRIX)
    it(`${id} with ${toggles.join(' + ') || 'no toggle'}`, () => {
      const p = program(id, toggles)
      const seen = new Set<string>([stateKey(p.initial)])
      const queue: State[] = [p.initial]
      for (let i = 0; i < queue.length && seen.size < STATES; i++) {
        const s = queue[i] as State
        for (const t of enabledThreads(p, s)) {
          const next = check(p, s, t)
          if (!next) continue
          const k = stateKey(next)
          if (!seen.has(k)) {
            seen.add(k)
            queue.push(next)
          }
        }
      }
      // Deep states too (a freed table, a late wake-up): random runs, a fixed-seed generator.
      let seed = 12345
      for (let w = 0; w < WALKS; w++) {
        let s: State | null = p.initial
        for (let n = 0; s && n < 400; n++) {
          const en = enabledThreads(p, s)
          if (en.length === 0) break
          seed = (seed * 1103515245 + 12345) % 2147483648
          s = check(p, s, en[seed % en.length] as string)
        }
      }
    })
})
