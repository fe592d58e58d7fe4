/** The explorer's figures for `npm run bench`: every reduction on every set, and the synthetic family. */
import { performance } from 'node:perf_hooks'

import { table } from '../src/cli/run'
import { buildProgram, explore, isLivelock, validateScenario, type ExploreOptions } from '../src/engine'
import { symmetryOf } from '../src/engine/explore/symmetry'

/**
 * Which reductions a row used: none (the full graph), dead locals, symmetry, partial-order
 * (footprint-based ample sets; POR-local is the earlier rule, kept for comparison), and their
 * combinations. `dead+sym` is what the page and the CLI use by default.
 */
type Reduction = 'none' | 'dead' | 'sym' | 'dead+sym' | 'POR-local' | 'POR' | 'dead+POR' | 'all'
const REDUCTIONS: Readonly<Record<Reduction, ExploreOptions>> = {
  none: { reduce: false, deadLocals: false, symmetry: false },
  dead: { reduce: false, deadLocals: true, symmetry: false },
  sym: { reduce: false, deadLocals: false, symmetry: true },
  'dead+sym': { reduce: false, deadLocals: true, symmetry: true },
  // The partial-order rule before issue 12: only steps touching nothing but the thread's locals.
  'POR-local': { reduce: true, reduceRule: 'local', deadLocals: false, symmetry: false },
  POR: { reduce: true, deadLocals: false, symmetry: false },
  'dead+POR': { reduce: true, deadLocals: true, symmetry: false },
  all: { reduce: true, deadLocals: true, symmetry: true },
}

export interface Row {
  scenario: string
  toggles: string
  reduction: Reduction
  reduced: boolean
  /** Whether the program has interchangeable threads (the symmetry group is not trivial). */
  symmetric: boolean
  complete: boolean
  states: number
  transitions: number
  ms: number
  statesPerSec: number
  /** The search alone: every state visited, before the graph is analysed (counts, livelock). */
  searchMs: number
  searchStatesPerSec: number
  /** Peak live memory (`bytesPerState`), in MB. */
  peakHeapMB: number
  /**
   * Peak live memory over states: what one state costs, everything it needs included. Measured
   * after a full collection where the explorer holds the most (`ExploreOptions.onPeak`: the end of
   * the search, and inside each analysis with all its arrays alive).
   */
  bytesPerState: number
  /** Live memory at the end of the search (the state table still alive), over states. */
  searchBytesPerState: number
  /**
   * The heap sampled without collecting (every 2,000 states and at the end), over states: what
   * earlier figures called the peak. It counts garbage not yet collected, so it runs above the live peak.
   */
  heapBytesPerState: number
  bad: string
}

/**
 * Memory in use: the JavaScript heap and the typed arrays' buffers, which live outside it (the
 * state rows, the search tree, the graph). Figures before issue 12 counted the heap alone.
 */
const used = () => {
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

/**
 * One exploration, timed: the median of three runs when one takes under 2 s (a single run on a
 * 2-core machine varies by about 10%), else the one run. Peak heap is sampled during the first.
 */
/**
 * A settled starting point for memory: two collections around a pause, so the buffers of earlier
 * runs (freed after a collection, not at it) are gone before this one is measured.
 */
async function settle(): Promise<void> {
  globalThis.gc?.()
  await new Promise((res) => setTimeout(res, 30))
  globalThis.gc?.()
}

export async function run(
  program: ReturnType<typeof buildProgram>,
  reduction: Reduction,
  maxStates = 3_000_000,
  maxMillis = 60_000
): Promise<Row> {
  await settle()
  const heap0 = used()
  let peak = heap0
  let live = NaN
  let livePeak = heap0
  const once = (sample: boolean) => {
    let t0 = performance.now()
    let searched = NaN
    const r = explore(program, {
      ...REDUCTIONS[reduction],
      maxStates,
      maxMillis,
      now: () => performance.now(),
      progressEvery: 2000,
      onProgress: () => {
        if (sample) peak = Math.max(peak, used())
      },
      onSearched: () => {
        searched = performance.now() - t0
      },
      // Live memory where the explorer holds the most: a collection first, its time left out.
      onPeak: (where) => {
        if (!sample || !globalThis.gc) return
        const g0 = performance.now()
        peak = Math.max(peak, used())
        globalThis.gc()
        const now = used()
        livePeak = Math.max(livePeak, now)
        if (where === 'search') live = now - heap0
        t0 += performance.now() - g0
      },
    })
    if (sample) peak = Math.max(peak, used())
    return { r, ms: performance.now() - t0, searched }
  }
  const first = once(true)
  const runs = [first]
  // No collection before these two: right after a full collection the heap has to grow again,
  // which the first run pays for (and which its heap figure needs).
  if (first.ms < 2000) runs.push(once(false), once(false))
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
  const ms = median(runs.map((x) => x.ms))
  const searchMs = median(runs.map((x) => x.searched))
  const r = first.r
  return {
    scenario: program.scenario.id,
    toggles: program.toggles.join(',') || '-',
    reduction,
    reduced: r.reduced,
    symmetric: symmetryOf(program) !== null,
    complete: r.complete,
    states: r.states,
    transitions: r.transitions,
    ms: Math.round(ms),
    statesPerSec: Math.round((r.states / ms) * 1000),
    searchMs: Math.round(searchMs),
    searchStatesPerSec: Math.round((r.states / searchMs) * 1000),
    peakHeapMB: Math.round(((livePeak - heap0) / 1048576) * 10) / 10,
    bytesPerState: Math.round((livePeak - heap0) / r.states),
    searchBytesPerState: Math.round(live / r.states),
    heapBytesPerState: Math.round((peak - heap0) / r.states),
    bad:
      r.outcomes
        .filter((o) => o.severity === 'bad' && o.reachable === true)
        .map((o) => o.id)
        .join(',') || 'none',
  }
}

export function rowsTable(rows: readonly Row[]): string {
  const head = [
    'scenario',
    'toggles',
    'reduction',
    'states',
    'transitions',
    'ms',
    'states/s',
    'search ms',
    'search states/s',
    'peak MB',
    'B/state',
    'B/state search',
    'B/state heap',
    'bad reachable',
  ]
  const body = rows.map((r) => [
    r.scenario,
    r.toggles,
    r.reduction,
    String(r.states),
    String(r.transitions),
    String(r.ms),
    String(r.statesPerSec),
    String(r.searchMs),
    String(r.searchStatesPerSec),
    // Below 50,000 states a collection's timing outweighs the graph: no per-state figure.
    ...(r.states >= 50_000
      ? [
          String(r.peakHeapMB),
          String(r.bytesPerState),
          String(r.searchBytesPerState),
          String(r.heapBytesPerState),
        ]
      : ['-', '-', '-', '-']),
    r.complete ? r.bad : 'INCOMPLETE',
  ])
  return table([head, ...body])
}

/** N threads, each taking lock L(i mod M), a reference on F, checking it, dropping both, twice. */
export function synthetic(n: number, m: number) {
  const locks = Object.fromEntries(Array.from({ length: m }, (_, k) => [`L${String(k)}`, 'spin']))
  const threads = Array.from({ length: n }, (_, i) => {
    const l = String.fromCharCode(65 + i)
    const lock = `L${String(i % m)}`
    const st = (id: string, ops: unknown[], extra: object = {}) => ({
      id: `${l}${id}`,
      fn: 'synthetic',
      file: 'mm/synthetic.c',
      title: id,
      explain: 'synthetic step',
      ops,
      ...extra,
    })
    // As in kernel code, each round does some work of its own (here: setting locals) between
    // its shared accesses; those steps are what the partial-order reduction can leave unordered.
    const round = (r: number) => [
      st(`${String(r)}a`, [{ op: 'set', local: 'round', value: r }]),
      st(`${String(r)}b`, [{ op: 'lock', lock }]),
      st(`${String(r)}c`, [{ op: 'folioGet', folio: 'F' }]),
      st(`${String(r)}d`, [{ op: 'refCheck', folio: 'F', expect: 2 }], {
        on: { mismatch: `${l}${String(r)}e` },
      }),
      st(`${String(r)}e`, [{ op: 'set', local: 'seen', value: r }]),
      st(`${String(r)}f`, [
        { op: 'folioPut', folio: 'F' },
        { op: 'unlock', lock },
      ]),
    ]
    return { letter: l, name: l, steps: [...round(1), ...round(2)] }
  })
  return validateScenario(
    {
      id: `synthetic-${String(n)}x${String(m)}`,
      title: 'synthetic',
      summary: 'N threads, M locks, one refcount',
      kernel: 'v6.0',
      initial: { locks, folios: { F: { refcount: 1, content: [''] } } },
      threads,
      toggles: [],
      outcomes: [
        {
          id: 'alone',
          severity: 'ok',
          title: 'alone',
          explain: 'a thread saw only its own reference',
          when: 'any',
          predicate: { mark: 'never' },
        },
      ],
      reported: { schedule: '', outcome: 'alone', description: 'none' },
    },
    'synthetic'
  )
}

/** The rows worth taking for one program: every reduction that can apply to it. */
export async function reductionRows(
  p: ReturnType<typeof buildProgram>,
  maxStates?: number,
  maxMillis?: number
): Promise<Row[]> {
  const livelock = p.scenario.outcomes.some(isLivelock)
  const symmetric = symmetryOf(p) !== null
  const which: Reduction[] = ['none', 'dead']
  if (symmetric) which.push('sym', 'dead+sym')
  // A livelock question is never answered with the partial-order reduction.
  if (!livelock) which.push('POR-local', 'POR', 'dead+POR', ...(symmetric ? (['all'] as const) : []))
  const rows: Row[] = []
  for (const red of which) rows.push(await run(p, red, maxStates, maxMillis))
  return rows
}

/** The synthetic family: N threads × M locks, with and without the reduction. */
export async function synthetics(): Promise<Row[]> {
  const synth: Row[] = []
  for (const n of [2, 3, 4, 5, 6])
    for (const m of [1, 2, 3]) {
      if (m > n) continue
      synth.push(...(await reductionRows(buildProgram(synthetic(n, m)), 2_000_000, 30_000)))
    }
  return synth
}

export const SYNTH_TITLE =
  'Synthetic: N threads × M spinlocks, one refcount (2 rounds each, local work between shared accesses), with and without reduction'
