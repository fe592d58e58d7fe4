/**
 * The mm model's state. Invariants every primitive keeps:
 * - a State is never mutated after it is built: steps work on a Draft (copy on write);
 * - every map is keyed by a stable, human-readable id, so a state's canonical key and the UI's
 *   "what changed" both come from the same paths (`folios:P0.refcount`);
 * - values are plain JSON, so a state can cross a Worker boundary and be hashed canonically.
 */

/** A thread's letter: `A`, `B`, `C`… in the order the scenario lists its threads. */
export type Letter = string

/** A page-table entry, PTE or PMD level, compared by value (GUP's recheck does exactly that). */
export type Entry =
  | { readonly k: 'none' }
  /** A present PTE mapping subpage `sub` of `folio`. */
  | { readonly k: 'present'; readonly folio: string; readonly sub: number; readonly write: boolean }
  /** A swap-type migration entry: the folio is locked and being moved; faults wait for it. */
  | { readonly k: 'migration'; readonly folio: string; readonly sub: number; readonly write: boolean }
  /** A device-private swap entry: the page lives in device memory, a CPU fault migrates it back. */
  | { readonly k: 'device-private'; readonly folio: string; readonly write: boolean }
  /** arm64: the PTE was made invalid for a break-before-make but is not `pte_none`. */
  | { readonly k: 'invalid'; readonly folio: string; readonly sub: number }
  /** A userfaultfd write-protect marker in an otherwise empty PTE. */
  | { readonly k: 'uffd-wp' }
  /** A PMD that points to a PTE table. */
  | { readonly k: 'table'; readonly table: string }
  /** A PMD that maps a huge folio directly. */
  | { readonly k: 'huge'; readonly folio: string; readonly write: boolean }

export type EntryKind = Entry['k']

/** A page: subpage `sub` of a folio. Serialized as `P0#0` in locals and records. */
export interface PageRef {
  readonly folio: string
  readonly sub: number
}

export type TableStatus = 'attached' | 'detached' | 'deposited' | 'rcu-pending' | 'freed'

export interface PteTable {
  readonly mm: string
  readonly status: TableStatus
  /** Sparse: a missing index is `pte_none`. Keys are decimal PTE indices. */
  readonly ptes: Readonly<Record<string, Entry>>
}

export interface Folio {
  readonly refcount: number
  readonly mapcount: number
  /** Large folios count FOLL_PIN in a separate pincount; small ones add a bias to refcount. */
  readonly pincount: number
  readonly large: boolean
  readonly lru: boolean
  readonly anon: boolean
  /** `page->mapping`: the page-cache slot `file:index`, an anon_vma id, or null once freed or moved. */
  readonly mapping: string | null
  /** `page->index`: for an anonymous page, its offset in the VMA's pgoff space (may be negative). */
  readonly index: number
  /** Device-private memory: a CPU cannot access it without migrating it back first. */
  readonly devicePrivate: boolean
  /** Per-subpage contents, so a lost write is observable. */
  readonly content: readonly string[]
  /** Refcount frozen to 0 by `folio_ref_freeze`: `try_get` fails until unfrozen. */
  readonly frozen: boolean
  readonly freed: boolean
}

export type LockMode = 'read' | 'write'

export interface LockWaiter {
  readonly t: Letter
  readonly mode: LockMode
  /** `acquire` wants the lock; `unlock-wait` only waits for it to be released (no ownership). */
  readonly want: 'acquire' | 'unlock-wait'
  /** Unfair folio lock only: wake-ups this waiter has already lost to a lock stealer. */
  readonly lost?: number
}

export interface LockState {
  readonly holders: readonly { readonly t: Letter; readonly mode: LockMode }[]
  /** FIFO: queued spinlocks and rwsems hand the lock to waiters in arrival order. */
  readonly waiters: readonly LockWaiter[]
  /**
   * Unfair folio lock only: waiters woken by an unlock without being handed the lock; each must
   * win PG_locked itself when it next runs, and re-queues (one more wake-up lost) if it cannot.
   */
  readonly racing?: readonly { readonly t: Letter; readonly lost: number }[]
}

export type WaitReason =
  | { readonly kind: 'lock'; readonly lock: string; readonly mode: LockMode; readonly spin: boolean }
  | { readonly kind: 'unlock-wait'; readonly lock: string }
  | { readonly kind: 'ipi'; readonly waitFor: readonly Letter[] }
  | { readonly kind: 'rcu-gp'; readonly waitFor: readonly Letter[] }
  | { readonly kind: 'completion'; readonly name: string }

export interface IpiMsg {
  readonly from: Letter
  /** What the handler does: flush this CPU's TLB for a range, or nothing (a pure sync IPI). */
  readonly action: 'tlb-flush' | 'sync'
  readonly mm: string
  readonly start: number
  readonly end: number
}

export type Value = string | number | boolean | null | Entry | readonly string[]

export interface ThreadState {
  /** Index of the next step in the resolved program; its length once finished (and not blocked). */
  readonly pc: number
  readonly blocked: WaitReason | null
  /** Set when a waited-for resource was handed over: the step that waited now runs in full. */
  readonly granted: boolean
  readonly locals: Readonly<Record<string, Value>>
  /** CPU state: only threads that run on a CPU (not devices) receive IPIs. */
  readonly irqsOff: boolean
  readonly rcuDepth: number
  readonly pendingIpis: readonly IpiMsg[]
  /** TLB: `mm:va` (page-aligned, hex) → page (`P0#0`). */
  readonly tlb: Readonly<Record<string, string>>
}

export interface RcuCallback {
  /** CPUs that were inside a read-side section when the callback was queued. */
  readonly waitFor: readonly Letter[]
  readonly freeTable: string
}

export interface Vma {
  readonly mm: string
  readonly start: number
  readonly end: number
  readonly pgoff: number
  readonly flags: readonly string[]
  readonly anonVma: string | null
  readonly file: string | null
  readonly uffd: readonly ('missing' | 'wp' | 'minor')[]
}

/** A secondary MMU (IOMMU with SVA) that walks the CPU page tables and caches what it found. */
export interface Iommu {
  readonly mm: string
  /** IOTLB: `va` → page, filled by a walk, dropped by an invalidation. */
  readonly iotlb: Readonly<Record<string, string>>
  /** Paging-structure cache: `va` of a PMD → table id it walked through. */
  readonly walkCache: Readonly<Record<string, string>>
}

export interface Completion {
  readonly done: number
  readonly value: Value
  readonly waiters: readonly Letter[]
}

export interface State {
  readonly threads: Readonly<Record<Letter, ThreadState>>
  readonly folios: Readonly<Record<string, Folio>>
  readonly locks: Readonly<Record<string, LockState>>
  /** `mm:pmdAddress` (hex) → PMD entry. */
  readonly pmds: Readonly<Record<string, Entry>>
  readonly tables: Readonly<Record<string, PteTable>>
  readonly vmas: Readonly<Record<string, Vma>>
  /** `file:index` → folio id. */
  readonly pageCache: Readonly<Record<string, string>>
  readonly rcu: Readonly<Record<string, RcuCallback>>
  readonly iommus: Readonly<Record<string, Iommu>>
  readonly completions: Readonly<Record<string, Completion>>
  /** Run facts set by steps (`collapsed`), monotone: outcomes about a run read them. */
  readonly marks: Readonly<Record<string, true>>
  /** Scenario-level counters and results (`move_pages` return value, retry counts). */
  readonly vars: Readonly<Record<string, Value>>
}

export type MapName = keyof State

/** Every map of a State, once each (the explorer's table checks a state against this list). */
export const MAP_NAMES: readonly MapName[] = [
  'threads',
  'folios',
  'locks',
  'pmds',
  'tables',
  'vmas',
  'pageCache',
  'rcu',
  'iommus',
  'completions',
  'marks',
  'vars',
]
