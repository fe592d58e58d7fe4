import {
  initialSchema,
  OPS,
  outcomeSchema,
  scenarioSchema,
  stepSchema,
  threadSchema,
  toggleSchema,
} from '../engine'
import type { PathItem } from './jsonPath'

/**
 * What the editor offers at a place in a scenario file: the keys the schema allows there (taken
 * from the loader's own valibot schemas, so they never drift), with a line of documentation
 * each, and the op names where an op is expected.
 */
const keysOf = (s: unknown): string[] => {
  const entries = (s as { entries?: Record<string, unknown> }).entries
  if (entries) return Object.keys(entries)
  const options = (s as { options?: unknown[] }).options
  return options ? [...new Set(options.flatMap(keysOf))] : []
}

const DOCS: Record<string, string> = {
  id: 'A stable kebab-case id (scenario, step, toggle or outcome).',
  version: 'Bump when steps change, so an old share link can say what no longer matches.',
  title: 'A short label, in your own words.',
  summary: 'What the race is, in one line.',
  description: 'The race in full; say here what the model simplifies.',
  kernel: 'The kernel tag every source link uses (v6.0-rc7).',
  arch: 'The architecture that matters.',
  initial: 'The starting state: locks, folios, page tables, VMAs…',
  threads: 'The actors, lettered A, B, C… in order.',
  toggles: 'Fixes and configuration switches, with provenance.',
  outcomes: 'What can happen, as predicates the engine evaluates (deadlock is built in).',
  race: 'Pairs of steps whose order makes the race, for the timeline to highlight.',
  reported: 'The interleaving the report describes, the toggles it assumes and its outcome.',
  schedule: 'Which thread runs each step: B3A7B2A = B three times, A seven times…',
  outcome: 'The outcome the reported interleaving reaches (an outcome id, or deadlock).',
  letter: 'The thread letter, A–H, in order.',
  name: 'The thread as people call it ("A — khugepaged").',
  cpu: 'false for a device: it takes no IPIs and is no RCU reader.',
  steps: 'The thread’s steps, run in order.',
  fn: 'The kernel function this step models.',
  file: 'The kernel source file of that function, at the scenario’s kernel tag.',
  line: 'A line number, only if checked at that tag.',
  explain: 'The narration of the step, in your own words; never paste kernel source.',
  confidence: 'verified, inferred or unverified, as the research marks the point.',
  when: 'A toggle id (or !id): the step or thread exists only then.',
  ops: 'The primitives the step performs, in order, atomically. Empty: a storyboard step.',
  on: '{ result: step id or "end" }: where the thread goes when an op returns that result.',
  next: 'Where to go after this step (default: the following step; "end" finishes).',
  progress: 'Marks a progress step for livelock detection.',
  locks: 'Every named lock and its kind: spin, rwsem or mutex.',
  folios: 'Folios by id: refcount, mapcount, pincount, content…',
  severity: 'bad (the bug) or ok.',
  predicate: 'A predicate on the state: mark, finished, eq, ne, all, any, not.',
  with: 'Toggles the reported interleaving assumes.',
  op: 'The op’s name, from the vocabulary.',
  lock: 'A lock declared in initial.locks.',
  mode: 'read or write (rw-semaphores); write otherwise.',
  folio: 'A folio id from initial.folios.',
  va: 'An address: a name from addresses, or a number.',
  save: 'A thread local to keep the result in.',
}

const OP_DOCS: Record<string, string> = {
  lock: 'spin_lock / down_read / down_write / mutex_lock: queues in arrival order.',
  trylock: 'Never blocks; returns busy while held or while anyone waits.',
  unlock: 'Release a lock; the next waiter(s) get it.',
  folioGet: 'Take a folio reference.',
  folioPut: 'Drop a folio reference; freed at zero.',
  folioTryGet: 'Take a reference unless the count is zero.',
  loadPte: 'Read a PTE (lockless): returns the entry’s kind.',
  setPte: 'Store a PTE entry.',
  loadPmd: 'Read a PMD (lockless).',
  setPmd: 'Store a PMD entry.',
  refCheck: 'An exact refcount check with a named outcome (ok / mismatch).',
  test: 'Test a thread local: yes / no.',
  set: 'Set a thread local.',
  mark: 'Record a run fact that outcomes can test.',
  userLoad: 'A user access through the TLB, then the live tables.',
  userStore: 'A user store through the TLB, then the live tables.',
  tlbFlush: 'Flush TLBs: broadcast, ipi or local.',
}

const CONTEXTS: { readonly pattern: readonly string[]; readonly keys: readonly string[] }[] = [
  { pattern: [], keys: keysOf(scenarioSchema) },
  { pattern: ['initial'], keys: keysOf(initialSchema) },
  { pattern: ['reported'], keys: keysOf((scenarioSchema.entries as Record<string, unknown>).reported) },
  { pattern: ['threads', '#'], keys: keysOf(threadSchema) },
  { pattern: ['threads', '#', 'steps', '#'], keys: keysOf(stepSchema) },
  { pattern: ['toggles', '#'], keys: keysOf(toggleSchema) },
  { pattern: ['outcomes', '#'], keys: keysOf(outcomeSchema) },
]

const shape = (path: readonly PathItem[]) => path.map((p) => (typeof p === 'number' ? '#' : p))
const matches = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i])

export interface Offer {
  readonly label: string
  readonly detail: string
  readonly kind: 'key' | 'op'
}

/** The keys allowed in the object at `path` (an op's own parameters once its name is known). */
export function keysAt(path: readonly PathItem[], opName?: string): Offer[] {
  const s = shape(path)
  if (matches(s, ['threads', '#', 'steps', '#', 'ops', '#'])) {
    const params = opName && OPS[opName] ? keysOf(OPS[opName].schema) : ['op']
    return params.map((k) => ({ label: k, detail: DOCS[k] ?? '', kind: 'key' }))
  }
  const ctx = CONTEXTS.find((c) => matches(s, c.pattern))
  return (ctx?.keys ?? []).map((k) => ({ label: k, detail: DOCS[k] ?? '', kind: 'key' }))
}

/** Values offered at `path`: op names after "op", a few enumerations elsewhere. */
export function valuesAt(path: readonly PathItem[]): Offer[] {
  const last = path[path.length - 1]
  if (last === 'op')
    return Object.keys(OPS).map((k) => ({
      label: k,
      detail: OP_DOCS[k] ?? 'an op of the vocabulary',
      kind: 'op',
    }))
  const enums: Record<string, string[]> = {
    confidence: ['verified', 'inferred', 'unverified'],
    severity: ['bad', 'ok'],
    mode: ['read', 'write'],
    kind: ['fix', 'config', 'livelock'],
    status: ['merged', 'proposed', 'rejected', 'config'],
  }
  return (typeof last === 'string' ? (enums[last] ?? []) : []).map((v) => ({
    label: v,
    detail: '',
    kind: 'key',
  }))
}

/** The documentation of a key (or an op name) for the hover tooltip. */
export function docOf(key: string, asOp: boolean): string | null {
  if (asOp)
    return OPS[key] ? `${key}: ${OP_DOCS[key] ?? 'an op of the vocabulary (scenarios/README.md)'}` : null
  return DOCS[key] ? `${key}: ${DOCS[key]}` : null
}
