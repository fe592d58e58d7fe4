import * as v from 'valibot'

import { cpuOps } from './cpuOps'
import { flowOps } from './flowOps'
import { folioOps } from './folioOps'
import { lockOps } from './lockOps'
import { mmOps } from './mmOps'
import type { OpDef } from './op'
import { tableOps } from './tableOps'

/** Every primitive a scenario step may use, by its `op` name. */
export const OPS: Readonly<Record<string, OpDef>> = {
  ...lockOps,
  ...cpuOps,
  ...tableOps,
  ...folioOps,
  ...flowOps,
  ...mmOps,
}

export type OpName = keyof typeof OPS

const schemas = Object.values(OPS).map((d) => d.schema) as unknown as v.VariantOptions<'op'>

/** An op as written in a step: its name and its (validated) parameters. */
export interface OpCall {
  readonly op: string
  readonly [param: string]: unknown
}

/** One op object in a step, validated against the schema of the op it names. */
export const opSchema = v.variant('op', schemas, (issue) =>
  issue.received === 'undefined'
    ? 'missing "op"'
    : `unknown op ${issue.received}; known: ${Object.keys(OPS).join(', ')}`
) as unknown as v.GenericSchema<OpCall>
