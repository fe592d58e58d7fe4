import * as v from 'valibot'

import { address, ident, plainValue } from '../ops/op'

// Outcome predicates: what a scenario says holds in a state (`eq`, `mark`, `finished`…).

/** A thread's letter. */
export const letter = v.pipe(v.string(), v.regex(/^[A-H]$/, 'must be one upper-case letter A–H'))

export type Expr =
  | string
  | number
  | boolean
  | null
  | { local: string }
  | { walk: string | number }
  | { content: string | number }
  | { pageContent: Expr }
  | { folio: string; field: 'refcount' | 'mapcount' | 'pincount' | 'freed' | 'lru' }
  | { var: string }
  | { pte: string | number }
  | { cache: string }
  | { pteKind: string | number }
  | { tableStatus: string }
  | { tablePte: [string, string | number] }

export type Predicate =
  | { mark: string }
  | { finished: string }
  | { eq: [Expr, Expr] }
  | { ne: [Expr, Expr] }
  | { all: Predicate[] }
  | { any: Predicate[] }
  | { not: Predicate }

const localPath = v.pipe(
  v.string(),
  v.regex(
    /^[A-H]\.(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'must be <letter>.<local>, the local a plain identifier'
  )
)

const exprSchema: v.GenericSchema<Expr> = v.lazy(() =>
  v.union([
    plainValue,
    v.strictObject({ local: localPath }),
    v.strictObject({ walk: address }),
    v.strictObject({ content: address }),
    v.strictObject({ pageContent: exprSchema }),
    v.strictObject({ folio: ident, field: v.picklist(['refcount', 'mapcount', 'pincount', 'freed', 'lru']) }),
    v.strictObject({ var: ident }),
    v.strictObject({ pte: address }),
    v.strictObject({ cache: ident }),
    v.strictObject({ pteKind: address }),
    v.strictObject({ tableStatus: ident }),
    v.strictObject({ tablePte: v.tuple([ident, address]) }),
  ])
)

export const predicateSchema: v.GenericSchema<Predicate> = v.lazy(() =>
  v.union([
    v.strictObject({ mark: ident }),
    v.strictObject({ finished: letter }),
    v.strictObject({ eq: v.tuple([exprSchema, exprSchema]) }),
    v.strictObject({ ne: v.tuple([exprSchema, exprSchema]) }),
    v.strictObject({ all: v.pipe(v.array(predicateSchema), v.maxLength(16)) }),
    v.strictObject({ any: v.pipe(v.array(predicateSchema), v.maxLength(16)) }),
    v.strictObject({ not: predicateSchema }),
  ])
)

/** How deep `all`, `any` and `not` may nest (the seed races use 3). */
export const MAX_PREDICATE_DEPTH = 8

export function predicateDepth(p: Predicate): number {
  if ('all' in p) return 1 + Math.max(0, ...p.all.map(predicateDepth))
  if ('any' in p) return 1 + Math.max(0, ...p.any.map(predicateDepth))
  if ('not' in p) return 1 + predicateDepth(p.not)
  return 1
}
