import * as v from 'valibot'

import { OPS } from '../ops/registry'
import { parseSchedule, ScheduleSyntaxError } from '../schedule/notation'
import { checkShape, MAX_JSON_DEPTH, MAX_SCENARIO_BYTES, tooDeep } from './bounds'
import { clip, ScenarioError } from './error'
import { scenarioSchema, type ScenarioFile } from './schema'

export { ScenarioError } from './error'
export { MAX_JSON_DEPTH, MAX_JSON_VALUES, MAX_SCENARIO_BYTES } from './bounds'

/** Parse and validate a scenario file's text. Throws ScenarioError. */
export function parseScenario(text: string, file: string): ScenarioFile {
  if (text.length > MAX_SCENARIO_BYTES)
    throw new ScenarioError(file, '(file)', `larger than ${String(MAX_SCENARIO_BYTES)} bytes`)
  const deep = tooDeep(text)
  if (deep !== null)
    throw new ScenarioError(
      file,
      '(json)',
      `nested deeper than ${String(MAX_JSON_DEPTH)} levels at line ${String(deep.line)}, column ${String(deep.column)}`
    )
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new ScenarioError(file, '(json)', clip(e instanceof Error ? e.message : String(e), 200))
  }
  return validateScenario(json, file)
}

export function validateScenario(input: unknown, file: string): ScenarioFile {
  checkShape(input, file)
  const r = v.safeParse(scenarioSchema, input)
  if (!r.success) {
    const issue = deepest(r.issues)
    throw new ScenarioError(file, issue.path, issue.message)
  }
  const sc = expandThreads(r.output, file)
  checkReferences(sc, file)
  return sc
}

/** Materialise `like` threads and replace `%t` in op parameters with each thread's letter. */
function expandThreads(sc: ScenarioFile, file: string): ScenarioFile {
  const done: ScenarioFile['threads'] = []
  sc.threads.forEach((th, ti) => {
    let steps = th.steps
    if (th.like !== undefined) {
      if (th.steps.length > 0)
        throw new ScenarioError(
          file,
          `threads.${String(ti)}.steps`,
          'a thread with "like" has no steps of its own'
        )
      // Copy the template as written: `%t` must become this thread's letter, not the template's.
      const tpl = sc.threads.slice(0, ti).find((t) => t.letter === th.like)
      if (!tpl || tpl.like !== undefined)
        throw new ScenarioError(
          file,
          `threads.${String(ti)}.like`,
          `no earlier thread ${th.like} with steps of its own`
        )
      const rename = (id: string) => (id === 'end' ? id : `${th.letter}${id.slice(1)}`)
      steps = tpl.steps.map((st) => {
        if (!st.id.startsWith(tpl.letter))
          throw new ScenarioError(
            file,
            `threads.${String(ti)}.like`,
            `step '${st.id}' of thread ${tpl.letter} does not start with ${tpl.letter}, so it cannot be copied`
          )
        return {
          ...st,
          id: rename(st.id),
          ...(st.on && { on: Object.fromEntries(Object.entries(st.on).map(([k, t]) => [k, rename(t)])) }),
          ...(st.next !== undefined && { next: rename(st.next) }),
        }
      })
    } else if (steps.length === 0)
      throw new ScenarioError(file, `threads.${String(ti)}.steps`, 'a thread needs at least one step')
    done.push({
      ...th,
      steps: steps.map((st) => ({ ...st, ops: st.ops.map((op) => substitute(op, th.letter)) })),
    })
  })
  return { ...sc, threads: done }
}

function substitute<T>(v: T, letter: string): T {
  if (typeof v === 'string') return v.replaceAll('%t', letter) as T
  if (Array.isArray(v)) return v.map((x: unknown) => substitute(x, letter)) as T
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, letter)])) as T
  return v
}

/** A path as written in error messages: `outcomes.1.predicate.all.0`. */
function dotPath(path: readonly v.IssuePathItem[] | undefined): string[] {
  return (path ?? []).map((p) => String(p.key))
}

/**
 * The issue to report: the deepest one, with the full path. Valibot gives a union's inner
 * issues paths relative to the union, so the outer path is put in front; and when every form of
 * a union of objects failed on its key, the message lists the forms that were expected.
 */
function deepest(issues: readonly v.BaseIssue<unknown>[]): { path: string; message: string } {
  let best = { path: [] as string[], message: issues[0]?.message ?? 'invalid' }
  let bestDepth = -1
  const visit = (i: v.BaseIssue<unknown>, outer: string[]): void => {
    const own = dotPath(i.path)
    const full = own.length >= outer.length && outer.every((k, n) => own[n] === k) ? own : [...outer, ...own]
    if (i.issues) {
      const keys = i.issues
        .map((x) => /^Invalid key: Expected "([^"]+)"/.exec(x.message)?.[1])
        .filter((k) => k !== undefined)
      if (new Set(keys).size >= 2 && i.issues.every((x) => x.message.startsWith('Invalid key:'))) {
        const got =
          typeof i.input === 'object' && i.input !== null
            ? Object.keys(i.input).join(', ')
            : JSON.stringify(i.input)
        if (full.length > bestDepth) {
          best = {
            path: full,
            message: `expected one of the forms ${[...new Set(keys)].map((k) => `{ "${k}": … }`).join(', ')}; got { ${got} }`,
          }
          bestDepth = full.length
        }
        return
      }
      i.issues.forEach((x) => {
        visit(x, full)
      })
      return
    }
    if (full.length > bestDepth) {
      best = { path: full, message: i.message }
      bestDepth = full.length
    }
  }
  issues.forEach((i) => {
    visit(i, [])
  })
  return { path: best.path.join('.') || '(root)', message: best.message }
}

/** `0x200000` or `2097152`: a whole number the arithmetic keeps exact. */
export function isAddressNumber(a: string): boolean {
  const n = a.trim() === '' ? NaN : Number(a)
  return Number.isSafeInteger(n) && n >= 0
}

/** Cross-references the schema cannot see: ids, branch targets, op placement, toggles. */
function checkReferences(sc: ScenarioFile, file: string): void {
  const fail = (path: string, problem: string): never => {
    throw new ScenarioError(file, path, problem)
  }
  const toggles = new Set(sc.toggles.map((t) => t.id))
  const checkWhen = (w: string | string[] | undefined, path: string) => {
    for (const clause of w === undefined ? [] : Array.isArray(w) ? w : [w])
      for (const g of clause.split('|'))
        if (!toggles.has(g.replace(/^!/, ''))) fail(path, `unknown toggle '${g.replace(/^!/, '')}'`)
  }
  const locks = new Set(Object.keys(sc.initial.locks))
  const isAddress = (a: string | number) =>
    typeof a === 'number' || Object.hasOwn(sc.addresses, a) || isAddressNumber(a)
  for (const [name, a] of Object.entries(sc.addresses))
    if (typeof a === 'string' && !isAddressNumber(a))
      fail(`addresses.${name}`, `'${clip(a)}' is not an address (a whole number from 0 to 2^53 - 1)`)

  const stepIds = new Set<string>()
  sc.threads.forEach((th, ti) => {
    const expected = String.fromCharCode(65 + ti)
    if (th.letter !== expected)
      fail(
        `threads.${String(ti)}.letter`,
        `is ${th.letter}, expected ${expected} (threads are lettered in order)`
      )
    checkWhen(th.when, `threads.${String(ti)}.when`)
    const local = new Set(th.steps.map((s) => s.id))
    th.steps.forEach((st, si) => {
      const path = `threads.${String(ti)}.steps.${String(si)}`
      if (stepIds.has(st.id)) fail(`${path}.id`, `duplicate step id '${st.id}'`)
      stepIds.add(st.id)
      checkWhen(st.when, `${path}.when`)
      for (const [res, tgt] of Object.entries(st.on ?? {}))
        if (tgt !== 'end' && !local.has(tgt))
          fail(`${path}.on.${res}`, `no step '${tgt}' in thread ${th.letter}`)
      if (st.next !== undefined && st.next !== 'end' && !local.has(st.next))
        fail(`${path}.next`, `no step '${st.next}' in thread ${th.letter}`)
      const produced = new Set<string>()
      st.ops.forEach((op, oi) => {
        const def = Object.hasOwn(OPS, op.op) ? OPS[op.op] : undefined
        const opPath = `${path}.ops.${String(oi)}`
        if (!def) return fail(opPath, `unknown op '${op.op}'`)
        const position = typeof def.position === 'function' ? def.position(op) : def.position
        if (position === 'wait' && oi !== 0)
          fail(opPath, `'${op.op}' may block, so it must be the first op of its step`)
        if (position === 'waitAfter' && oi !== st.ops.length - 1)
          fail(opPath, `'${op.op}' may leave the thread waiting, so it must be the last op of its step`)
        for (const f of def.failures ?? [])
          if (!st.on || !Object.hasOwn(st.on, f))
            fail(opPath, `'${op.op}' can return '${f}': add "on": { "${f}": <step> }`)
        def.results.forEach((r) => produced.add(r))
        const va = (op as { va?: string | number }).va
        if (va !== undefined && typeof va === 'string' && !va.startsWith('$') && !isAddress(va))
          fail(`${opPath}.va`, `unknown address '${va}'`)
        if ((op.op === 'lock' || op.op === 'unlock') && (op.lock === undefined) === (op.ptlOf === undefined))
          fail(opPath, `'${op.op}' takes exactly one of "lock" and "ptlOf"`)
        for (const key of ['lock', 'drop'] as const) {
          const name = (op as Record<string, unknown>)[key]
          if (
            typeof name === 'string' &&
            !locks.has(name) &&
            !name.startsWith('ptl:') &&
            !name.startsWith('PG_locked:')
          )
            fail(`${opPath}.${key}`, `undeclared lock '${name}' (declare it in initial.locks)`)
        }
      })
      for (const res of Object.keys(st.on ?? {}))
        if (!produced.has(res)) fail(`${path}.on.${res}`, `no op of this step returns '${res}'`)
    })
  })

  sc.toggles.forEach((t, i) =>
    t.conflicts.forEach((c, j) => {
      if (!toggles.has(c)) fail(`toggles.${String(i)}.conflicts.${String(j)}`, `unknown toggle '${c}'`)
    })
  )
  const outcomes = new Set<string>()
  sc.outcomes.forEach((o, i) => {
    if (outcomes.has(o.id)) fail(`outcomes.${String(i)}.id`, `duplicate outcome '${o.id}'`)
    outcomes.add(o.id)
  })
  sc.toggles.forEach((t, i) => {
    if (typeof t.closes === 'string') return
    for (const id of Object.keys(t.closes)) {
      const o = sc.outcomes.find((x) => x.id === id)
      if (!o && id !== 'deadlock') fail(`toggles.${String(i)}.closes.${id}`, `no outcome '${id}'`)
      else if (o && o.severity !== 'bad')
        fail(
          `toggles.${String(i)}.closes.${id}`,
          `'${id}' is not a bad outcome: only bad outcomes can be closed`
        )
    }
  })
  sc.race.forEach((r, i) => {
    if (!stepIds.has(r.first)) fail(`race.${String(i)}.first`, `no step '${r.first}'`)
    if (!stepIds.has(r.second)) fail(`race.${String(i)}.second`, `no step '${r.second}'`)
  })
  // `deadlock` is built in (judged on every scenario), so a report may name it without declaring it.
  if (!outcomes.has(sc.reported.outcome) && sc.reported.outcome !== 'deadlock')
    fail('reported.outcome', `no outcome '${sc.reported.outcome}'`)
  sc.reported.with.forEach((t, i) => {
    if (!toggles.has(t.replace(/^-/, ''))) fail(`reported.with.${String(i)}`, `unknown toggle '${t}'`)
  })
  try {
    const letters = new Set(sc.threads.map((t) => t.letter))
    for (const l of parseSchedule(sc.reported.schedule))
      if (!letters.has(l)) fail('reported.schedule', `names thread ${l}, which the scenario does not have`)
  } catch (e) {
    if (e instanceof ScheduleSyntaxError) fail('reported.schedule', e.message)
    throw e
  }

  const folios = new Set(Object.keys(sc.initial.folios))
  const tables = new Set(Object.keys(sc.initial.tables))
  sc.initial.pmds.forEach((p, i) => {
    if (!isAddress(p.va)) fail(`initial.pmds.${String(i)}.va`, `unknown address '${String(p.va)}'`)
    if (p.entry.k === 'table' && !tables.has(p.entry.table))
      fail(`initial.pmds.${String(i)}.entry`, `no table '${p.entry.table}'`)
    if ('folio' in p.entry && !folios.has(p.entry.folio))
      fail(`initial.pmds.${String(i)}.entry`, `no folio '${p.entry.folio}'`)
  })
  for (const [id, t] of Object.entries(sc.initial.tables))
    t.ptes.forEach((p, i) => {
      if (!isAddress(p.va))
        fail(`initial.tables.${id}.ptes.${String(i)}.va`, `unknown address '${String(p.va)}'`)
      if ('folio' in p.entry && !folios.has(p.entry.folio))
        fail(`initial.tables.${id}.ptes.${String(i)}.entry`, `no folio '${p.entry.folio}'`)
    })
  for (const [lock, t] of Object.entries(sc.initial.held)) {
    if (!sc.threads.some((x) => x.letter === t)) fail(`initial.held.${lock}`, `no thread ${t}`)
    if (!locks.has(lock) && !lock.startsWith('PG_locked:'))
      fail(`initial.held.${lock}`, `undeclared lock '${lock}'`)
  }
  for (const l of Object.keys(sc.initial.tlb))
    if (!sc.threads.some((t) => t.letter === l)) fail(`initial.tlb.${l}`, `no thread ${l}`)
}
