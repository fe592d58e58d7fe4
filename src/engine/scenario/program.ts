import type { World } from '../model/draft'
import { newFolio } from '../model/folio'
import { hex } from '../model/format'
import { own } from '../model/own'
import { pmdKey, pteIndex } from '../model/pagetable'
import { newThread } from '../model/thread'
import type { Entry, Folio, PteTable, State, ThreadState, Vma } from '../model/types'
import type { OpCall } from '../ops/registry'
import type { Liveness } from '../explore/liveness'
import { ScenarioError } from './load'
import type { ScenarioFile, StepSpec, ThreadSpec, ToggleSpec } from './schema'
import { stepLink } from './sourceLink'

/** A step ready to run: branch targets are indices into its thread's resolved steps. */
export interface Step {
  readonly spec: StepSpec
  readonly thread: string
  readonly ops: readonly OpCall[]
  readonly on: Readonly<Record<string, number>>
  readonly next: number
  readonly link: string
}

export interface ThreadProgram {
  readonly letter: string
  readonly name: string
  readonly cpu: boolean
  readonly mm: string
  /** False when the thread is switched off by a toggle (it then has no steps). */
  readonly active: boolean
  readonly steps: readonly Step[]
}

/** A scenario with a set of toggles applied: what the interpreter runs. */
export interface Program {
  readonly scenario: ScenarioFile
  readonly toggles: readonly string[]
  readonly world: World
  readonly addresses: Readonly<Record<string, number>>
  readonly threads: readonly ThreadProgram[]
  readonly initial: State
  /**
   * Set only by the explorer (explore/liveness.ts): after each step, the running thread's locals
   * that no later step or outcome reads are cleared, so states that differ only there are one.
   */
  readonly liveness?: Liveness
}

/** The step a record names: thread `thread`'s step `stepId`. */
export function stepOf(p: Program, thread: string, stepId: string): Step | undefined {
  return p.threads.find((t) => t.letter === thread)?.steps.find((s) => s.spec.id === stepId)
}

/**
 * Which toggles are on: the defaults, then each `--with` item (`id` switches on, `-id` off).
 * Unknown ids are an error naming the scenario's known toggles.
 */
export function resolveToggles(sc: ScenarioFile, requested: readonly string[]): string[] {
  const known = new Map<string, ToggleSpec>(sc.toggles.map((t) => [t.id, t]))
  const on = new Set(sc.toggles.filter((t) => t.default).map((t) => t.id))
  for (const raw of requested) {
    const off = raw.startsWith('-')
    const id = off ? raw.slice(1) : raw
    if (!known.has(id))
      throw new ScenarioError(
        sc.id,
        'toggles',
        `unknown toggle '${id}' (known: ${[...known.keys()].join(', ') || 'none'})`
      )
    if (off) on.delete(id)
    else on.add(id)
  }
  for (const id of on)
    for (const other of known.get(id)?.conflicts ?? [])
      if (on.has(other))
        throw new ScenarioError(
          sc.id,
          'toggles',
          `'${id}' and '${other}' are alternatives and cannot be combined`
        )
  return sc.toggles.map((t) => t.id).filter((id) => on.has(id))
}

/** `when` is a list of clauses that must all hold; a clause holds if any of its `|` literals does. */
function enabled(when: string | string[] | undefined, on: ReadonlySet<string>): boolean {
  if (when === undefined) return true
  return (Array.isArray(when) ? when : [when]).every((clause) =>
    clause.split('|').some((g) => (g.startsWith('!') ? !on.has(g.slice(1)) : on.has(g)))
  )
}

export function buildProgram(sc: ScenarioFile, requested: readonly string[] = []): Program {
  const toggles = resolveToggles(sc, requested)
  const on = new Set(toggles)
  const addresses: Record<string, number> = {}
  for (const [k, a] of Object.entries(sc.addresses)) addresses[k] = typeof a === 'number' ? a : Number(a)
  const threads = sc.threads.map((th) => buildThread(sc, th, on))
  const world: World = {
    pageSize: sc.geometry.pageSize,
    ptesPerTable: sc.geometry.ptesPerTable,
    lockKinds: sc.initial.locks,
    cpus: threads.filter((t) => t.cpu && t.active).map((t) => t.letter),
    threadMm: Object.fromEntries(threads.map((t) => [t.letter, t.mm])),
    toggles,
    ...(sc.folioLockUnfairness ? { folioLockUnfairness: sc.folioLockUnfairness } : {}),
  }
  return {
    scenario: sc,
    toggles,
    world,
    addresses,
    threads,
    initial: initialState(sc, world, threads, addresses),
  }
}

function buildThread(sc: ScenarioFile, th: ThreadSpec, on: ReadonlySet<string>): ThreadProgram {
  const active = enabled(th.when, on)
  const kept = active ? th.steps.filter((s) => enabled(s.when, on)) : []
  const indexOf = new Map(kept.map((s, i) => [s.id, i]))
  /** A target switched off by a toggle continues at the next step that is on. */
  const resolve = (id: string): number => {
    if (id === 'end') return kept.length
    const at = th.steps.findIndex((s) => s.id === id)
    for (let i = at; i < th.steps.length; i++) {
      const hit = indexOf.get(th.steps[i]?.id ?? '')
      if (hit !== undefined) return hit
    }
    return kept.length
  }
  const steps = kept.map((spec, i): Step => {
    const on: Record<string, number> = {}
    for (const [res, tgt] of Object.entries(spec.on ?? {})) on[res] = resolve(tgt)
    return {
      spec,
      thread: th.letter,
      ops: spec.ops,
      on,
      next: spec.next === undefined ? i + 1 : resolve(spec.next),
      link: stepLink(spec.kernel ?? sc.kernel, spec.file, spec.fn, spec.line),
    }
  })
  return { letter: th.letter, name: th.name, cpu: th.cpu, mm: th.mm, active, steps }
}

function toNumber(a: string | number, addresses: Readonly<Record<string, number>>): number {
  return typeof a === 'number' ? a : (own(addresses, a) ?? Number(a))
}

function initialState(
  sc: ScenarioFile,
  world: World,
  threads: readonly ThreadProgram[],
  addresses: Readonly<Record<string, number>>
): State {
  // A toggle that is on may replace VMAs, folios or vars of the starting state.
  const on = new Set(world.toggles)
  const over = sc.toggles.filter((t) => on.has(t.id) && t.initial !== undefined).map((t) => t.initial)
  const ini = {
    ...sc.initial,
    vmas: Object.assign({}, sc.initial.vmas, ...over.map((o) => o?.vmas ?? {})) as typeof sc.initial.vmas,
    folios: Object.assign(
      {},
      sc.initial.folios,
      ...over.map((o) => o?.folios ?? {})
    ) as typeof sc.initial.folios,
    vars: Object.assign({}, sc.initial.vars, ...over.map((o) => o?.vars ?? {})) as typeof sc.initial.vars,
  }
  const folios: Record<string, Folio> = {}
  for (const [id, f] of Object.entries(ini.folios)) folios[id] = newFolio(f)
  const pmds: Record<string, Entry> = {}
  for (const p of ini.pmds)
    if (p.entry.k !== 'none') pmds[pmdKey(world, p.mm, toNumber(p.va, addresses))] = p.entry
  const tables: Record<string, PteTable> = {}
  for (const [id, t] of Object.entries(ini.tables)) {
    const ptes: Record<string, Entry> = {}
    for (const p of t.ptes)
      if (p.entry.k !== 'none') ptes[String(pteIndex(world, toNumber(p.va, addresses)))] = p.entry
    tables[id] = { mm: t.mm, status: t.status, ptes }
  }
  const vmas: Record<string, Vma> = {}
  for (const [id, m] of Object.entries(ini.vmas))
    vmas[id] = { ...m, start: toNumber(m.start, addresses), end: toNumber(m.end, addresses) }
  const threadStates: Record<string, ThreadState> = {}
  for (const t of threads) {
    const tlb: Record<string, string> = {}
    for (const e of ini.tlb[t.letter] ?? []) tlb[`${t.mm}:${hex(toNumber(e.va, addresses))}`] = e.page
    threadStates[t.letter] = newThread(tlb)
  }
  const iommus: Record<string, State['iommus'][string]> = {}
  for (const [id, m] of Object.entries(ini.iommus)) iommus[id] = { mm: m.mm, iotlb: {}, walkCache: {} }
  return {
    threads: threadStates,
    folios,
    locks: Object.fromEntries(
      Object.entries(ini.held).map(([lock, t]) => [
        lock,
        { holders: [{ t, mode: 'write' as const }], waiters: [] },
      ])
    ),
    pmds,
    tables,
    vmas,
    pageCache: { ...ini.pageCache },
    rcu: {},
    iommus,
    completions: {},
    marks: {},
    vars: { ...ini.vars },
  }
}
