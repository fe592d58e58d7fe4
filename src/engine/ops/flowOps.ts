import * as v from 'valibot'

import { complete, waitFor } from '../model/completion'
import { formatValue } from '../model/format'
import { defineOp, ident, plainValue, QUEUED, ref } from './op'

/** Locals, run facts and hand-offs between threads: the glue of a scenario, not kernel state. */
export const flowOps = {
  set: defineOp({
    schema: v.strictObject({ op: v.literal('set'), local: ident, value: v.union([plainValue, ref]) }),
    saves: { param: 'local' },
    results: ['ok'],
    run: (c, p) => {
      c.setLocal(p.local, c.value(p.value))
      return 'ok'
    },
  }),
  /** Branch on a local: `yes` if it equals `is`, else `no`. */
  test: defineOp({
    schema: v.strictObject({ op: v.literal('test'), local: ident, is: plainValue }),
    results: ['yes', 'no'],
    run: (c, p) => (formatValue(c.local(p.local)) === formatValue(p.is) ? 'yes' : 'no'),
  }),
  /** Record a run fact (`collapsed`) that outcomes can test. */
  mark: defineOp({
    schema: v.strictObject({ op: v.literal('mark'), name: ident }),
    results: ['ok'],
    run: (c, p) => {
      c.d.put('marks', p.name, true)
      return 'ok'
    },
  }),
  /** Scenario counters (retries, return values): `add` to a numeric var. */
  addVar: defineOp({
    schema: v.strictObject({
      op: v.literal('addVar'),
      var: ident,
      n: v.pipe(v.number(), v.safeInteger(), v.minValue(-(2 ** 31)), v.maxValue(2 ** 31)),
    }),
    results: ['ok'],
    run: (c, p) => {
      const cur = c.d.get('vars', p.var) ?? 0
      c.d.put('vars', p.var, (typeof cur === 'number' ? cur : 0) + p.n)
      return 'ok'
    },
  }),
  setVar: defineOp({
    schema: v.strictObject({ op: v.literal('setVar'), var: ident, value: v.union([plainValue, ref]) }),
    results: ['ok'],
    run: (c, p) => {
      c.d.put('vars', p.var, c.value(p.value))
      return 'ok'
    },
  }),
  /** `complete()`: wakes the first waiter, handing it `value`. */
  complete: defineOp({
    schema: v.strictObject({
      op: v.literal('complete'),
      name: ident,
      value: v.optional(v.union([plainValue, ref]), null),
    }),
    results: ['ok'],
    run: (c, p) => {
      complete(c.d, p.name, c.value(p.value))
      return 'ok'
    },
  }),
  /** `wait_for_completion()`: sleeps until completed; `save` keeps the handed value. */
  wait: defineOp({
    schema: v.strictObject({ op: v.literal('wait'), name: ident, save: v.optional(ident) }),
    saves: { param: 'save' },
    results: ['ok'],
    position: 'wait',
    run: (c, p) => {
      const got = waitFor(c.d, c.t, p.name)
      if (!got) return QUEUED
      if (p.save) c.setLocal(p.save, got.value)
      return 'ok'
    },
  }),
}
