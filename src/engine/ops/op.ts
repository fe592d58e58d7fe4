import * as v from 'valibot'

import type { OpCtx } from './context'

/**
 * One primitive a scenario step can perform. Its parameter schema, the results it can return,
 * where it may stand in a step, and its semantics are defined together, once.
 *
 * - `wait` ops may block before doing anything: they must be the first op of their step; when the
 *   resource is handed over, the whole step runs the next time the thread is scheduled.
 * - `waitAfter` ops may leave their thread blocked after the step (IPI acks, grace periods): they
 *   must be the last op.
 * - `failures` are results a step must branch on (`on`), or the validator rejects the scenario.
 */
export interface OpDef<S extends v.GenericSchema = v.GenericSchema> {
  readonly schema: S
  readonly results: readonly string[]
  readonly failures?: readonly string[]
  /** Where the op must stand; a function when it depends on the parameters (an IPI flush waits). */
  readonly position?: 'wait' | 'waitAfter' | ((p: v.InferOutput<S>) => 'wait' | 'waitAfter' | undefined)
  /**
   * The local this op overwrites (its parameter `param` names it) whenever it returns a result
   * not in `unless`. The dead-variable reduction (explore/liveness.ts) relies on it; an op that
   * does not say so is taken to overwrite nothing, which is always safe.
   */
  readonly saves?: { readonly param: string; readonly unless?: readonly string[] }
  /** Returns a result, or `queued` when a `wait` op blocked before taking effect. */
  readonly run: (ctx: OpCtx, p: v.InferOutput<S>) => string
}

export const QUEUED = 'queued'

export function defineOp<S extends v.GenericSchema>(def: OpDef<S>): OpDef {
  return def as unknown as OpDef
}

const NAME = /^(?!__proto__$|constructor$|prototype$)[A-Za-z_%][A-Za-z0-9_.:#%-]{0,63}$/
/** A name with `#` names a page (`P0#3`): the subpage must be a whole number below 512. */
const PAGE_SUFFIX = /#(?!(?:\d{1,2}|[1-4]\d\d|50\d|51[01])$)[^#]*$/
const pageSuffix = v.check(
  (s: string) => !PAGE_SUFFIX.test(s),
  'a page is <folio>#<subpage>, the subpage a whole number from 0 to 511'
)
/** The largest number a scenario may give (2^53 - 1): beyond it, arithmetic is no longer exact. */
const safe = v.pipe(v.number(), v.safeInteger('must be a whole number of at most 2^53 - 1'))
/** A subpage index within a folio (at most 512 subpages). */
const sub = v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(511)), 0)

/**
 * Identifiers in scenario files (locks, folios, tables, locals): also keep prototype keys out.
 * `%t` stands for the running thread's letter (`ptl_%t` is B's own PTE lock in thread B).
 */
export const ident = v.pipe(v.string(), v.regex(NAME, 'must be a plain identifier'), pageSuffix)
/** A local reference `$name`, or a literal identifier. */
export const ref = v.pipe(
  v.string(),
  v.regex(/^\$?(?!__proto__$)[A-Za-z_%][A-Za-z0-9_.:#%-]{0,63}$/, 'must be $local or an identifier'),
  pageSuffix
)
export { safe as safeNumber }
export const address = v.union([v.pipe(safe, v.minValue(0)), v.pipe(v.string(), v.maxLength(64))])

/** A folio in an entry literal may come from a local (`"folio": "$F"`). */
export const entryLiteral = v.variant('k', [
  v.strictObject({ k: v.literal('none') }),
  v.strictObject({
    k: v.literal('present'),
    folio: ref,
    sub,
    write: v.optional(v.boolean(), true),
  }),
  v.strictObject({
    k: v.literal('migration'),
    folio: ref,
    sub,
    write: v.optional(v.boolean(), true),
  }),
  v.strictObject({ k: v.literal('device-private'), folio: ref, write: v.optional(v.boolean(), true) }),
  v.strictObject({
    k: v.literal('invalid'),
    folio: ref,
    sub,
  }),
  v.strictObject({ k: v.literal('uffd-wp') }),
  v.strictObject({ k: v.literal('table'), table: ref }),
  v.strictObject({ k: v.literal('huge'), folio: ref, write: v.optional(v.boolean(), true) }),
])

/** An entry given literally, or `$local` holding one. */
export const entryRef = v.union([ref, entryLiteral])

/** A folio's per-subpage data, as scenario files and `folioAlloc` write it. */
export const folioContent = v.pipe(v.array(v.pipe(v.string(), v.maxLength(64))), v.maxLength(512))

export const plainValue = v.union([v.pipe(v.string(), v.maxLength(256)), safe, v.boolean(), v.null()])
