import { useMemo } from 'react'

import { formatSchedule, parseSchedule, stepOf, whyNotRunnable } from '../../engine'
import { useExplore } from '../../state/explore'
import { stepLabel } from '../stepLabel'
import type { Session } from '../../state/session'
import { useView } from '../../state/store'

/** The grid column of schedule position `i` (column 1 holds the lane names). */
export const col = (i: number) => i + 2
/** The grid row of lane `l` (row 1 holds the marks above the lanes). */
export const row = (l: number) => l + 2

export interface Block {
  readonly i: number
  readonly thread: string
  readonly lane: number
  readonly stepId: string
  /** The kernel function, shown whole on the block. */
  readonly fn: string
  /** The step's title (tooltip and accessible name). */
  readonly title: string
  /** Whether the step can run at all; done / still to come is styled from the position. */
  readonly status: 'run' | 'impossible'
  readonly waits: boolean
}

/** Runs of a thread being blocked, between steps: [from, to) in schedule positions. */
export interface Blocked {
  readonly lane: number
  readonly thread: string
  readonly from: number
  readonly to: number
  readonly reason: string
  readonly spin: boolean
}

export interface RacePair {
  readonly key: string
  readonly a: number
  readonly b: number
  readonly text: string
}

/** The threads that have lanes, in letter order. */
export function useLanes(session: Session): readonly string[] {
  const { program } = session
  return useMemo(() => program.threads.filter((t) => t.active).map((t) => t.letter), [program])
}

/** One block per step of the schedule: laid out once per schedule and replay, not per step. */
export function useBlocks(session: Session, schedule: readonly string[], lanes: readonly string[]): Block[] {
  const { program, replay } = session
  return useMemo(
    () =>
      schedule.map((thread, i): Block => {
        const rec = replay.records[i]
        const step = rec ? stepOf(program, rec.thread, rec.stepId) : undefined
        return {
          i,
          thread,
          lane: lanes.indexOf(thread),
          stepId: rec?.stepId ?? '?',
          fn: step ? stepLabel(step.spec) : 'cannot run',
          title:
            step?.spec.title ?? `cannot run here: ${replay.error?.message ?? 'the interleaving stopped'}`,
          status: i < replay.records.length ? 'run' : 'impossible',
          waits: rec?.kind === 'wait',
        }
      }),
    [schedule, replay, program, lanes]
  )
}

/** Where each thread waits, and on what (the hatched bars). */
export function useBlocked(session: Session, lanes: readonly string[]): Blocked[] {
  const { program, replay } = session
  return useMemo(() => {
    const out: Blocked[] = []
    lanes.forEach((t, lane) => {
      let start = -1
      let reason = ''
      let spin = false
      for (let k = 0; k <= replay.records.length; k++) {
        const st = replay.states[k]
        const b = st?.threads[t]?.blocked
        if (b && start < 0) {
          start = k
          reason = whyNotRunnable(program, st, t) ?? ''
          spin = b.kind === 'lock' && b.spin
        }
        if ((!b || k === replay.records.length) && start >= 0) {
          out.push({ lane, thread: t, from: start, to: b ? k + 1 : k, reason, spin })
          start = -1
        }
      }
    })
    return out
  }, [lanes, replay, program])
}

/** The race's pairs of steps that have both run by `position` (joined on the timeline). */
export function useRaces(session: Session, position: number): RacePair[] {
  const { replay, scenario } = session
  const all = useMemo(() => {
    const idx = (id: string) => replay.records.findIndex((r) => r.stepId === id && r.kind === 'run')
    return scenario.race
      .map((r) => ({ key: `${r.first}-${r.second}`, a: idx(r.first), b: idx(r.second), text: r.text }))
      .filter((r) => r.a >= 0 && r.b >= 0)
  }, [scenario.race, replay])
  const shown = all.filter((r) => r.a < position && r.b < position)
  const key = shown.map((r) => r.key).join('|')
  // The same array while the same pairs are shown, so the blocks and the connector do not redraw.
  return useMemo(() => shown, [key, all])
}

/** A livelock cycle loaded from the explorer: [start, end) in schedule positions, or null. */
export function useCycle(schedule: readonly string[]): { start: number; end: number } | null {
  const cycle = useExplore((s) => s.result?.outcomes.find((o) => o.cycle)?.cycle ?? null)
  const scenarioId = useView((s) => s.scenarioId)
  return useMemo(() => {
    if (!cycle || scenarioId === null) return null
    const whole = parseSchedule(`${cycle.prefix}${cycle.repeat}`)
    if (formatSchedule(whole) !== formatSchedule(schedule)) return null
    const start = parseSchedule(cycle.prefix).length
    return { start, end: whole.length }
  }, [cycle, schedule, scenarioId])
}
