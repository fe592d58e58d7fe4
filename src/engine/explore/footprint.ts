import type { OpCall } from '../ops/registry'
import type { Step } from '../scenario/program'

/**
 * Static footprints for the partial-order reduction (explore/reduce.ts): the resources an op may
 * read and may write, derived from its parameters alone. A resource is `map:key`, the key split
 * into segments by `.`; `*` as a segment matches any, `*` alone is everything. Two resources
 * overlap when one is a prefix of the other segment by segment (`threads:A` covers
 * `threads:A.locals.x`). Anything computed at run time (a `$local` folio, a page-table walk)
 * names the whole map, or the whole kind (`locks:PG_locked:*` for a `$local` folio's lock,
 * `locks:ptl:*` for a `ptlOf` lock): soundness over strength.
 *
 * A thread's own state is split in three: `threads:T.pc` (only T moves it), `threads:T.locals.x`
 * (only T writes them) and `threads:T.cpu` (TLB, IRQ and RCU state, pending IPIs, `blocked`,
 * `granted`), which other CPUs reach: IPIs, broadcast TLB flushes, grace periods, wake-ups.
 * Those ops write `threads:*.cpu`. A wake-up (lock hand-over, `complete`) writes the cell of a
 * thread blocked at its waiting step, which names the same lock or completion: dependent anyway.
 */
export interface Footprint {
  readonly reads: readonly string[]
  readonly writes: readonly string[]
}

type Rule = (op: OpCall, t: string) => { r?: string[]; w?: string[] }

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
/** `map:name`, or the whole map when the name comes from a local (or is missing). */
const named = (map: string, name: unknown): string => {
  const s = str(name)
  return s === undefined || s.startsWith('$') ? `${map}:*` : `${map}:${s}`
}
/** A folio (or a page `P0#3` of it) named by a parameter. */
const folio = (ref: unknown): string => {
  const s = str(ref)
  return s === undefined || s.startsWith('$') ? 'folios:*' : `folios:${s.split('#')[0] ?? s}`
}
/** PG_locked of a folio named by a parameter (model/locks.ts `folioLockName`): some folio's. */
const folioLock = (ref: unknown): string => {
  const s = str(ref)
  return s === undefined || s.startsWith('$')
    ? 'locks:PG_locked:*'
    : `locks:PG_locked:${s.split('#')[0] ?? s}`
}
/** A lock named directly, or `ptlOf`: the PTE lock (`ptl:<table>`) of a table found at run time. */
const lockOf = (op: OpCall): string => (op.lock !== undefined ? named('locks', op.lock) : 'locks:ptl:*')
const cpu = (t: string) => `threads:${t}.cpu`
const OTHERS = 'threads:*.cpu'
/** A page-table walk: any PMD, any table. */
const WALK = ['pmds:*', 'tables:*']
/** Reading or writing a PTE in a freed table records the use after free (model/pagetable.ts). */
const UAF = 'marks:table-use-after-free'
const both = (...xs: string[]) => ({ r: xs, w: xs })
/** Reads `r` besides what `b` reads and writes. */
const plus = (r: string[], b: { r: string[]; w: string[] }) => ({ r: [...r, ...b.r], w: b.w })

const lock: Rule = (op, t) => both(lockOf(op), cpu(t))
const folioRw: Rule = (op) => both(folio(op.folio))
const folioRead: Rule = (op) => ({ r: [folio(op.folio)] })
const folioLockRw: Rule = (op, t) => plus([folio(op.folio)], both(folioLock(op.folio), cpu(t)))
const rcuExit: Rule = () => both(OTHERS, 'rcu:*', 'tables:*')
const none: Rule = () => ({})

/** Per op: what it may touch besides the running thread's pc and locals (added by `opFootprint`). */
export const FOOTPRINTS: Readonly<Record<string, Rule>> = {
  // Locks: a blocking op and its unlock are dependent through the lock; both may wake waiters.
  lock,
  trylock: (op) => both(lockOf(op)),
  unlock: (op) => both(lockOf(op)),
  folioLock: folioLockRw,
  folioTrylock: (op) => plus([folio(op.folio)], both(folioLock(op.folio))),
  folioUnlock: (op) => plus([folio(op.folio)], both(folioLock(op.folio))),
  folioWaitUnlocked: (op, t) => {
    const f = folioLockRw(op, t)
    return { r: f.r, w: [...(f.w ?? []), ...(op.drop !== undefined ? [named('locks', op.drop)] : [])] }
  },
  folioLocked: (op) => ({ r: [folio(op.folio), folioLock(op.folio)] }),
  // CPUs: IRQ and RCU state is read by IPI senders and grace periods on other CPUs.
  irqDisable: (_op, t) => both(cpu(t)),
  irqEnable: rcuExit,
  rcuReadLock: (_op, t) => both(cpu(t)),
  rcuReadUnlock: rcuExit,
  synchronizeRcu: () => both(OTHERS),
  tlbFlush: (op, t) => (op.mode === 'local' ? both(cpu(t)) : both(OTHERS)),
  tlbEvict: (op) => both(named('threads', op.cpu) + '.cpu'),
  ipiSync: () => both(OTHERS),
  mmuNotifierInvalidate: () => both('iommus:*'),
  // Page tables: the table a PTE op reaches is found through a PMD at run time.
  loadPmd: () => ({ r: ['pmds:*'] }),
  loadPte: () => ({ r: WALK, w: [UAF] }),
  samePmd: () => ({ r: ['pmds:*'] }),
  samePte: () => ({ r: WALK, w: [UAF] }),
  matchPte: () => ({ r: WALK, w: [UAF] }),
  xchgPmd: () => both('pmds:*'),
  setPmd: () => both('pmds:*'),
  setPte: () => ({ r: WALK, w: ['tables:*', UAF] }),
  movePtes: () => ({ r: WALK, w: ['tables:*', UAF] }),
  tableState: (op, t) =>
    op.to === 'free-rcu'
      ? { r: [OTHERS, cpu(t)], w: [named('tables', op.table), 'rcu:*'] }
      : both(named('tables', op.table)),
  // Folios.
  folioGet: folioRw,
  folioPut: folioRw,
  folioTryGet: folioRw,
  gupGrab: (op) => both(folio(op.page)),
  gupRelease: (op) => both(folio(op.page)),
  isolateLru: folioRw,
  putbackLru: folioRw,
  folioMapped: folioRead,
  addRmap: folioRw,
  removeRmap: folioRw,
  refCheck: folioRead,
  refFreeze: folioRw,
  refUnfreeze: folioRw,
  copyPage: (op) => ({ r: [folio(op.from)], w: [folio(op.to)] }),
  writePage: (op) => both(folio(op.page)),
  userLoad: (_op, t) => plus([...WALK, 'folios:*'], both(cpu(t))),
  userStore: (_op, t) => ({ r: [...WALK, cpu(t)], w: ['folios:*', cpu(t)] }),
  folioAlloc: (op) => both(named('folios', op.id)),
  folioCopyMeta: (op) => ({ r: [folio(op.from)], w: [folio(op.to)] }),
  folioClearMapping: folioRw,
  testMapping: folioRead,
  // The page cache also sets the folios' mapping.
  pageCacheLookup: () => ({ r: ['pageCache:*', 'folios:*'] }),
  pageCacheInsert: (op) => both('pageCache:*', folio(op.folio)),
  pageCacheReplace: () => both('pageCache:*', 'folios:*'),
  pageCacheRemove: () => both('pageCache:*', 'folios:*'),
  // VMAs and secondary MMUs.
  vmaAddress: (op) => ({ r: [named('vmas', op.vma), folio(op.folio)] }),
  vmaSet: (op) => both(named('vmas', op.vma)),
  vmaFlag: (op) => both(named('vmas', op.vma)),
  vmaTest: (op) => ({ r: [named('vmas', op.vma)] }),
  anonVmaPrepare: (op) => both(named('vmas', op.vma)),
  iommuWalk: (op) => plus([...WALK, 'folios:*'], both(named('iommus', op.iommu))),
  iommuTranslate: (op) => ({
    r: [...WALK, 'folios:*', named('iommus', op.iommu)],
    w: [named('iommus', op.iommu), 'marks:iommu-stale-walk'],
  }),
  // Flow: locals, run facts, counters, completions (which wake a waiting thread).
  set: none,
  test: none,
  mark: (op) => ({ w: [named('marks', op.name)] }),
  addVar: (op) => both(named('vars', op.var)),
  setVar: (op) => ({ w: [named('vars', op.var)] }),
  testVar: (op) => ({ r: [named('vars', op.var)] }),
  complete: (op) => both(named('completions', op.name), OTHERS),
  wait: (op, t) => both(named('completions', op.name), OTHERS, cpu(t)),
}

/** The locals an op may overwrite: `set`'s `local`, and any `save` parameter. */
function savedLocals(op: OpCall): string[] {
  const out: string[] = []
  if (op.op === 'set' && typeof op.local === 'string') out.push(op.local)
  if (typeof op.save === 'string') out.push(op.save)
  return out
}

/** One op run by thread `t`; an op with no rule touches everything. */
export function opFootprint(op: OpCall, t: string): Footprint {
  const rule = FOOTPRINTS[op.op]
  if (!rule) return { reads: ['*'], writes: ['*'] }
  const { r = [], w = [] } = rule(op, t)
  return {
    reads: [`threads:${t}.pc`, `threads:${t}.locals`, ...r],
    writes: [`threads:${t}.pc`, ...savedLocals(op).map((x) => `threads:${t}.locals.${x}`), ...w],
  }
}

/** A step: the union of its ops' footprints, and the running thread's pc. */
export function stepFootprint(st: Step): Footprint {
  const reads = new Set([`threads:${st.thread}.pc`])
  const writes = new Set([`threads:${st.thread}.pc`])
  for (const op of st.ops) {
    const f = opFootprint(op, st.thread)
    for (const x of f.reads) reads.add(x)
    for (const x of f.writes) writes.add(x)
  }
  return { reads: [...reads], writes: [...writes] }
}

/** The union of several footprints. */
export function unionOf(fs: readonly Footprint[]): Footprint {
  const reads = new Set<string>()
  const writes = new Set<string>()
  for (const f of fs) {
    for (const x of f.reads) reads.add(x)
    for (const x of f.writes) writes.add(x)
  }
  return { reads: [...reads], writes: [...writes] }
}

/**
 * `map:a.b` as its map and key segments, split at `.` and `:` (`locks:ptl:T1` is `ptl`, `T1`:
 * lock names carry their kind, `ptl:` or `PG_locked:`). Splitting more only makes more prefixes
 * overlap, never fewer names.
 */
function parts(res: string): readonly string[] {
  const i = res.indexOf(':')
  return i < 0 ? [res] : [res.slice(0, i), ...res.slice(i + 1).split(/[.:]/)]
}

/** Do two resources share anything? */
export function overlaps(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true
  const pa = parts(a)
  const pb = parts(b)
  for (let i = 0; i < Math.min(pa.length, pb.length); i++)
    if (pa[i] !== pb[i] && pa[i] !== '*' && pb[i] !== '*') return false
  return true
}

const anyOverlap = (xs: readonly string[], ys: readonly string[]) =>
  xs.some((x) => ys.some((y) => overlaps(x, y)))

/** Independent: neither writes what the other reads or writes. */
export function independent(a: Footprint, b: Footprint): boolean {
  return !anyOverlap(a.writes, b.writes) && !anyOverlap(a.writes, b.reads) && !anyOverlap(a.reads, b.writes)
}
