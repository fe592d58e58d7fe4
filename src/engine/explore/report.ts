import type { Hits } from './hits'
import { allOutcomes, isLivelock } from '../interp/outcomes'
import type { Program } from '../scenario/program'
import { formatSchedule } from '../schedule/notation'
import type { Count } from './count'
import type { OutcomeReport } from './exploreTypes'
import type { SwitchSearch } from './switches'
import { contextSwitches } from './switches'

export const OTHER_WITNESSES = 3

/** A livelock found: the state it is entered from, and its cycle as letters seen from there. */
export interface FoundCycle {
  readonly entry: number
  /** The cycle's letters when `entry` is reached in frame `frame` (explore/tree.ts). */
  readonly cycleIn: (frame: number) => readonly string[]
  readonly alwaysEnabledIn: (frame: number) => readonly string[]
}

export interface ReportInput {
  readonly p: Program
  readonly complete: boolean
  /** Per outcome (`outcomeIds` order), the states where it holds. */
  readonly hits: Hits
  readonly outcomeIds: readonly string[]
  readonly counts: { readonly byOutcome: readonly Count[] } | null
  readonly fair: FoundCycle | null
  /** The real schedule to a state and the frame it ends in. */
  readonly pathTo: (v: number) => { letters: string[]; frame: number }
  readonly switches: SwitchSearch | null
  readonly letters: readonly string[]
}

export function showCount(c: Count | undefined): string | null {
  return c === undefined
    ? null
    : c === 'unbounded'
      ? c
      : c === 'too-many'
        ? 'too many to count'
        : c.toString()
}

/** Each outcome's answer: reachable or not, the shortest and simplest schedules, the count. */
export function outcomeReports(r: ReportInput): OutcomeReport[] {
  const { p, complete, fair, switches: sw, letters } = r
  /** The fewest-switch schedule to the nearest (in switches) of `states`, then `tail`. */
  const simplest = (states: Iterable<number>, tail: (frame: number) => readonly string[] = () => []) => {
    if (!sw) return null
    let best = -1
    for (const v of states) if (best < 0 || sw.switchesTo(v) < sw.switchesTo(best)) best = v
    if (best < 0) return null
    const to = sw.pathTo(best)
    const path = [...to.threads.map((t) => letters[t] as string), ...tail(to.frame)]
    return { schedule: formatSchedule(path), steps: path.length, switches: contextSwitches(path) }
  }

  return allOutcomes(p).map((o): OutcomeReport => {
    const base = { id: o.id, severity: o.severity, title: o.title, explain: o.explain }
    const none = { shortest: null, steps: null, others: [], interleavings: null }
    if (isLivelock(o)) {
      if (!complete) return { ...base, reachable: 'unknown', ...none }
      if (!fair) return { ...base, reachable: false, ...none }
      const to = r.pathTo(fair.entry)
      const prefix = to.letters
      const repeat = fair.cycleIn(to.frame)
      return {
        ...base,
        reachable: true,
        shortest: formatSchedule([...prefix, ...repeat]),
        steps: prefix.length + repeat.length,
        shortestSwitches: contextSwitches([...prefix, ...repeat]),
        fewestSwitches: simplest([fair.entry], fair.cycleIn),
        cycle: {
          prefix: formatSchedule(prefix),
          repeat: formatSchedule(repeat),
          alwaysEnabled: [...fair.alwaysEnabledIn(to.frame)],
        },
        others: [],
        interleavings: null,
      }
    }
    const k = r.outcomeIds.indexOf(o.id)
    const count = showCount(r.counts?.byOutcome[k])
    if (k < 0 || r.hits.count(k) === 0)
      return { ...base, reachable: complete ? false : 'unknown', ...none, interleavings: count }
    const schedules = r.hits
      .first(k)
      .slice(0, OTHER_WITNESSES + 1)
      .map((v) => r.pathTo(v).letters)
    const first = schedules[0] ?? []
    return {
      ...base,
      reachable: true,
      shortest: formatSchedule(first),
      steps: first.length,
      shortestSwitches: contextSwitches(first),
      fewestSwitches: o.severity === 'bad' ? simplest(r.hits.states(k)) : null,
      others: schedules.slice(1).map(formatSchedule),
      interleavings: count,
    }
  })
}
