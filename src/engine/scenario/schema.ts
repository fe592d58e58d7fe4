import * as v from 'valibot'

import { address, entryLiteral, folioContent, ident, plainValue, safeNumber } from '../ops/op'
import { opSchema } from '../ops/registry'
import { letter, MAX_PREDICATE_DEPTH, predicateDepth, predicateSchema } from './predicate'

/**
 * The scenario file format (documented with an example in scenarios/README.md). Limits on every
 * list and string keep a hostile file from exhausting memory before the explorer's own budget.
 */
const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max))
const target = v.union([ident, v.literal('end')])
/** A clause: toggle ids, each optionally negated with `!`, joined by `|` (any may hold). */
const guard = v.pipe(
  v.string(),
  v.regex(
    /^!?[a-z0-9][a-z0-9-]{0,63}(\|!?[a-z0-9][a-z0-9-]{0,63}){0,7}$/,
    'must be toggle ids (optionally !negated) joined by |'
  )
)
const when = v.optional(v.union([guard, v.pipe(v.array(guard), v.maxLength(8))]))
const nat = v.pipe(safeNumber, v.minValue(0))
const rec = <S extends v.GenericSchema>(s: S, max = 256) =>
  v.pipe(
    v.record(ident, s),
    v.check((r) => Object.keys(r).length <= max, `at most ${String(max)} entries`)
  )

export const stepSchema = v.strictObject({
  id: ident,
  /** The kernel function this step models, and its file at the scenario's kernel version. */
  fn: text(80),
  file: text(120),
  line: v.optional(v.pipe(nat, v.minValue(1), v.maxValue(1_000_000))),
  /** A different tag for this step's source link (e.g. the fix's version). */
  kernel: v.optional(text(40)),
  title: text(100),
  explain: text(2000),
  /** How sure the research note is of this step: `inferred` and `unverified` are shown as such. */
  confidence: v.optional(v.picklist(['verified', 'inferred', 'unverified']), 'verified'),
  when,
  ops: v.pipe(v.array(opSchema), v.maxLength(16)),
  on: v.optional(rec(target, 32)),
  next: v.optional(target),
  /** A progress step for livelock detection (e.g. "migration completed"). */
  progress: v.optional(v.boolean(), false),
})

export const threadSchema = v.strictObject({
  letter,
  name: text(120),
  /** Runs on a CPU (takes IPIs, is an RCU reader with IRQs off); false for devices. */
  cpu: v.optional(v.boolean(), true),
  mm: v.optional(ident, 'mm'),
  when,
  /**
   * Run the same steps as an earlier thread (several readers faulting on one page): step ids
   * are copied with this thread's letter in place of the first character, and `%t` in op
   * parameters stands for the running thread's letter, in every thread.
   */
  like: v.optional(letter),
  steps: v.optional(v.pipe(v.array(stepSchema), v.maxLength(200)), []),
})

const closesWord = v.picklist(['yes', 'no', 'partly', 'n/a'])
/** `{ "anon-pte-freed-with-table": "yes", "mfill-pmd-none-bug": "no" }`: outcome id → verdict. */
const closesPerOutcome = v.pipe(
  v.record(
    v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be an outcome id')),
    v.picklist(['yes', 'no', 'partly'])
  ),
  v.check((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 32, 'name 1 to 32 outcomes')
)

export const toggleSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case')),
  kind: v.picklist(['fix', 'config']),
  title: text(120),
  description: text(600),
  /** merged, posted but not merged, rejected in the thread, or a configuration switch. */
  status: v.picklist(['merged', 'proposed', 'rejected', 'config']),
  /**
   * Says plainly when the change does not close the race (or only hides it): one word for the
   * whole race, or, per bad outcome, whether this change closes it (`yes`, `no`, `partly`).
   */
  closes: v.optional(v.union([closesWord, closesPerOutcome]), 'n/a'),
  provenance: v.strictObject({
    commit: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{7,40}$/))),
    subject: v.optional(text(200)),
    by: v.optional(text(200)),
    where: v.optional(text(300)),
    kernel: v.optional(text(40)),
  }),
  default: v.optional(v.boolean(), false),
  /**
   * Changes to the starting state when the toggle is on (a fix that tags a VMA from its
   * creation): each listed VMA, folio or var replaces the base one.
   */
  initial: v.optional(
    v.strictObject({
      vmas: v.optional(v.lazy(() => rec(vmaInit))),
      folios: v.optional(v.lazy(() => rec(folioInit))),
      vars: v.optional(rec(plainValue)),
    })
  ),
  /** Toggles this one cannot be combined with (alternative fixes of the same window). */
  conflicts: v.optional(
    v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/))), v.maxLength(16)),
    []
  ),
})

export type { Expr, Predicate } from './predicate'

const outcomeBase = {
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case')),
  severity: v.picklist(['bad', 'ok']),
  title: text(120),
  /** The banner text, in kernel terms. */
  explain: text(600),
}

export const outcomeSchema = v.union([
  v.strictObject({
    ...outcomeBase,
    when: v.optional(v.picklist(['end', 'any']), 'end'),
    predicate: v.pipe(
      predicateSchema,
      v.check(
        (p) => predicateDepth(p) <= MAX_PREDICATE_DEPTH,
        `all, any and not nest at most ${String(MAX_PREDICATE_DEPTH)} deep`
      )
    ),
  }),
  v.strictObject({ ...outcomeBase, kind: v.literal('livelock') }),
])

const folioInit = v.strictObject({
  refcount: v.optional(nat),
  mapcount: v.optional(nat),
  pincount: v.optional(nat),
  large: v.optional(v.boolean()),
  lru: v.optional(v.boolean()),
  anon: v.optional(v.boolean()),
  mapping: v.optional(v.nullable(ident)),
  index: v.optional(safeNumber),
  devicePrivate: v.optional(v.boolean()),
  content: folioContent,
})

const vmaInit = v.strictObject({
  mm: v.optional(ident, 'mm'),
  start: address,
  end: address,
  /** Shown signed: exec's temporary stack grows down from 0, so its vm_pgoff wraps below zero. */
  pgoff: v.optional(safeNumber, 0),
  flags: v.optional(v.pipe(v.array(ident), v.maxLength(16)), []),
  anonVma: v.optional(v.nullable(ident), null),
  file: v.optional(v.nullable(ident), null),
  uffd: v.optional(v.array(v.picklist(['missing', 'wp', 'minor'])), []),
})

export const initialSchema = v.strictObject({
  locks: rec(v.picklist(['spin', 'rwsem', 'mutex'])),
  /** Locks already held when the scenario starts (`PG_locked:H` held by collapse_file): lock → thread. */
  held: v.optional(v.record(ident, letter), {}),
  folios: rec(folioInit),
  /** `mm:VA` (or just `VA` for mm `mm`) → PMD entry. */
  pmds: v.optional(
    v.pipe(
      v.array(v.strictObject({ mm: v.optional(ident, 'mm'), va: address, entry: entryLiteral })),
      v.maxLength(64)
    ),
    []
  ),
  tables: v.optional(
    rec(
      v.strictObject({
        mm: v.optional(ident, 'mm'),
        status: v.optional(v.picklist(['attached', 'detached', 'deposited']), 'attached'),
        ptes: v.pipe(v.array(v.strictObject({ va: address, entry: entryLiteral })), v.maxLength(512)),
      })
    ),
    {}
  ),
  vmas: v.optional(rec(vmaInit), {}),
  pageCache: v.optional(rec(ident), {}),
  iommus: v.optional(rec(v.strictObject({ mm: v.optional(ident, 'mm') })), {}),
  /** Per-thread TLB contents: letter → [{va, page}]. */
  tlb: v.optional(
    v.record(letter, v.pipe(v.array(v.strictObject({ va: address, page: ident })), v.maxLength(64))),
    {}
  ),
  vars: v.optional(rec(plainValue), {}),
})

export const scenarioSchema = v.strictObject({
  $schema: v.optional(v.string()),
  id: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'must be kebab-case')),
  /** Bumped when steps change, so an old share link can say what no longer matches. */
  version: v.optional(v.pipe(nat, v.minValue(1), v.maxValue(999_999)), 1),
  /** What each version changed (`{ "version": 2, "text": "…" }`), told to a link made before it. */
  changes: v.optional(
    v.pipe(
      v.array(v.strictObject({ version: v.pipe(nat, v.minValue(2)), text: text(600) })),
      v.maxLength(32)
    ),
    []
  ),
  /**
   * The kernel's unfair folio lock: wake-ups a waiter may lose to a stealer before the unlocker
   * hands it PG_locked (`sysctl_page_lock_unfairness`, 5 by default). Absent: FIFO hand-off.
   */
  folioLockUnfairness: v.optional(v.pipe(nat, v.maxValue(8))),
  title: text(120),
  summary: text(400),
  kernel: text(40),
  arch: v.optional(text(80)),
  seed: v.optional(text(120)),
  research: v.optional(text(200)),
  description: v.optional(text(4000)),
  geometry: v.optional(
    v.strictObject({
      pageSize: v.optional(v.pipe(nat, v.minValue(1), v.maxValue(1 << 21)), 4096),
      ptesPerTable: v.optional(v.pipe(nat, v.minValue(1), v.maxValue(512)), 512),
    }),
    { pageSize: 4096, ptesPerTable: 512 }
  ),
  addresses: v.optional(rec(address, 64), {}),
  initial: initialSchema,
  threads: v.pipe(v.array(threadSchema), v.minLength(1), v.maxLength(8)),
  toggles: v.pipe(v.array(toggleSchema), v.maxLength(32)),
  outcomes: v.pipe(v.array(outcomeSchema), v.minLength(1), v.maxLength(32)),
  /** The steps whose order makes the race, for the timeline to highlight once both happened. */
  race: v.optional(
    v.pipe(v.array(v.strictObject({ first: ident, second: ident, text: text(300) })), v.maxLength(8)),
    []
  ),
  reported: v.strictObject({
    schedule: v.pipe(v.string(), v.maxLength(4000)),
    with: v.optional(v.array(v.pipe(v.string(), v.maxLength(64))), []),
    outcome: v.pipe(v.string(), v.maxLength(64)),
    description: text(2000),
  }),
})

export type ScenarioFile = v.InferOutput<typeof scenarioSchema>
export type StepSpec = v.InferOutput<typeof stepSchema>
export type ThreadSpec = v.InferOutput<typeof threadSchema>
export type ToggleSpec = v.InferOutput<typeof toggleSchema>
export type OutcomeSpec = v.InferOutput<typeof outcomeSchema>
