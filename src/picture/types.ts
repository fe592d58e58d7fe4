/**
 * The state as a whiteboard picture, before any geometry: boxes (nodes) made of text rows, and
 * arrows (edges) from a row of one box to another box.
 */
/** What the last step changed, by state path (`folios:P0.refcount`): the UI's `Changes`. */
export type ChangeMap = ReadonlyMap<string, { readonly before: string; readonly after: string }>

/** A refcount check a step made on a folio (the UI's `FolioCheck`). */
export interface Check {
  readonly expected: string
  readonly actual: string
  readonly ok: boolean
  readonly by: string
}

export type Tone = 'ok' | 'bad' | 'warn' | 'muted' | 'map' | 'table' | 'device'

export interface Row {
  /** Unique in its node; edges leave from a row. */
  readonly key: string
  /** What the row is (`refcount`), shown muted before its value; may be empty. */
  readonly label: string
  readonly value: string
  /** The value before the last step, when the step changed this row. */
  readonly was?: string
  readonly tone?: Tone
}

/** Columns of the picture, left to right: mm and IOMMU, PTE tables, folios, who else refers. */
export type Band = 0 | 1 | 2 | 3

export type NodeKind = 'mm' | 'iommu' | 'table' | 'folio' | 'cache' | 'cpu' | 'locks' | 'misc'

export interface SceneNode {
  readonly id: string
  readonly kind: NodeKind
  readonly band: Band
  readonly title: string
  readonly tags: readonly { readonly text: string; readonly tone: Tone }[]
  readonly rows: readonly Row[]
  /** `gone`: a freed folio or a freed (or RCU-pending) table; `loose`: a detached table, an orphaned page. */
  readonly status: 'live' | 'loose' | 'gone'
  /** Created by the last step. */
  readonly fresh: boolean
}

export type EdgeKind =
  | 'table' // PMD → PTE table
  | 'huge' // PMD → huge folio
  | 'map' // present PTE → folio
  | 'migration' // migration entry → folio
  | 'device' // device-private entry → folio
  | 'invalid' // arm64 invalid-but-not-none entry → folio
  | 'cache' // page cache slot → folio
  | 'tlb' // a CPU's TLB entry → the page it still reaches
  | 'iotlb' // an IOMMU's IOTLB entry → page
  | 'walk' // an IOMMU's cached walk → the table it caches
  | 'pin' // a page GUP returned (a reference or pin) → folio
  | 'ref' // a folio a thread holds in a local
  | 'snapshot' // a thread's saved PMD value → the table it points to
  | 'rcu' // an RCU callback → the table it will free

export interface SceneEdge {
  readonly id: string
  readonly from: string
  readonly row: string
  readonly to: string
  readonly kind: EdgeKind
  /** New with the last step (drawn with a short animation). */
  readonly fresh: boolean
  /** Gone with the last step: drawn dashed, as the old value, for that step only. */
  readonly ghost: boolean
}

export interface Scene {
  readonly nodes: readonly SceneNode[]
  readonly edges: readonly SceneEdge[]
}

export type Mut<T> = { -readonly [K in keyof T]: T[K] }
/** An edge as a builder finds it, before fresh/ghost marks. */
export type Draft = Mut<Omit<SceneEdge, 'id' | 'fresh' | 'ghost'>>
