import { formatValue, whyNotRunnable, type Program } from '../engine'
import { folioOfPage, keysWithChanged, note, row, type Ctx } from './rows'
import type { Row } from './types'

/** Locals that a `gupGrab` saved: the pages GUP returned, per thread (`B.page`). */
function gupLocals(program: Program): ReadonlySet<string> {
  const out = new Set<string>()
  for (const t of program.threads)
    for (const s of t.steps)
      for (const op of s.ops)
        if (op.op === 'gupGrab' && typeof op.save === 'string') out.add(`${t.letter}.${op.save}`)
  return out
}
const gupCache = new WeakMap<Program, ReadonlySet<string>>()

/** The nodes and edges of one state, without fresh/ghost marks (see `sceneOf`). */
/** Band 3: the page cache, each CPU (TLB, pins, what it holds, why it waits), locks, counters, RCU. */
export function holders({ program, state, changes, nodes, edges }: Ctx): void {
  const cache = keysWithChanged(state.pageCache, changes, 'pageCache:')
  if (cache.length > 0)
    nodes.push({
      id: 'cache',
      kind: 'cache',
      band: 3,
      title: 'page cache',
      tags: [],
      rows: cache.map((k) => {
        const f = state.pageCache[k]
        if (f) edges.push({ from: 'cache', row: `slot:${k}`, to: `folio:${f}`, kind: 'cache' })
        return row(`slot:${k}`, k, f ?? 'none', changes, `pageCache:${k}`)
      }),
      status: 'live',
      fresh: false,
    })
  const gup = gupCache.get(program) ?? gupLocals(program)
  gupCache.set(program, gup)
  for (const t of program.threads) {
    const th = state.threads[t.letter]
    if (!t.active || !th) continue
    const p = `threads:${t.letter}.`
    const id = `cpu:${t.letter}`
    const next = t.steps[th.pc]
    const why = whyNotRunnable(program, state, t.letter)
    const rows: Row[] = [
      note(
        'status',
        why ?? (next ? `next: ${next.spec.id} ${next.spec.fn}` : 'finished'),
        th.blocked ? 'warn' : 'muted'
      ),
    ]
    if (t.cpu && (th.irqsOff || th.rcuDepth > 0 || changes.has(`${p}irqsOff`)))
      rows.push(
        row(
          'irq',
          'IRQs',
          `${th.irqsOff ? 'off' : 'on'}${th.rcuDepth > 0 ? ` · RCU reader ×${String(th.rcuDepth)}` : ''}`,
          changes,
          `${p}irqsOff`,
          th.irqsOff ? 'warn' : 'muted'
        )
      )
    if (th.pendingIpis.length > 0)
      rows.push(
        row(
          'ipi',
          'pending IPIs',
          th.pendingIpis.map((i) => `${i.action} from ${i.from}`).join(', '),
          changes,
          null,
          'warn'
        )
      )
    for (const k of keysWithChanged(th.tlb, changes, `${p}tlb.`)) {
      const pg = th.tlb[k]
      rows.push(
        row(
          `tlb:${k}`,
          `TLB ${k.slice(k.indexOf(':') + 1)}`,
          pg ?? 'none',
          changes,
          `${p}tlb.${k}`,
          pg ? 'ok' : 'muted'
        )
      )
      if (pg) edges.push({ from: id, row: `tlb:${k}`, to: `folio:${folioOfPage(pg)}`, kind: 'tlb' })
    }
    for (const k of keysWithChanged(th.locals, changes, `${p}locals.`)) {
      const v = th.locals[k]
      rows.push(row(`local:${k}`, `${k} =`, formatValue(v), changes, `${p}locals.${k}`))
      if (typeof v === 'string' && state.folios[folioOfPage(v)])
        edges.push({
          from: id,
          row: `local:${k}`,
          to: `folio:${folioOfPage(v)}`,
          kind: gup.has(`${t.letter}.${k}`) ? 'pin' : 'ref',
        })
      else if (
        typeof v === 'object' &&
        v !== null &&
        !Array.isArray(v) &&
        'k' in v &&
        v.k === 'table' &&
        state.tables[v.table]
      )
        edges.push({ from: id, row: `local:${k}`, to: `table:${v.table}`, kind: 'snapshot' })
    }
    nodes.push({
      id,
      kind: 'cpu',
      band: 3,
      title: `${t.cpu ? 'CPU' : 'device'} ${t.letter}`,
      tags: th.blocked ? [{ text: 'waits', tone: 'warn' }] : [],
      rows,
      status: 'live',
      fresh: false,
    })
  }
  const locks = Object.entries(state.locks).filter(([n]) => !n.startsWith('PG_locked:'))
  if (locks.length > 0)
    nodes.push({
      id: 'locks',
      kind: 'locks',
      band: 3,
      title: 'locks held',
      tags: [],
      rows: locks.map(([n, l]) => ({
        key: n,
        label: n,
        value: `${l.holders.map((h) => `${h.t}${h.mode === 'read' ? ' (read)' : ''}`).join(', ') || '—'}${l.waiters.length > 0 ? ` · waiting ${l.waiters.map((w) => w.t).join(' → ')}` : ''}`,
        tone: 'warn' as const,
      })),
      status: 'live',
      fresh: false,
    })
  const misc: Row[] = []
  for (const k of keysWithChanged(state.rcu, changes, 'rcu:')) {
    const cb = state.rcu[k]
    misc.push(
      row(
        `rcu:${k}`,
        'RCU',
        cb ? `free ${cb.freeTable} after ${cb.waitFor.join(', ') || 'a grace period'}` : 'callback ran',
        changes,
        `rcu:${k}`,
        'warn'
      )
    )
    if (cb && state.tables[cb.freeTable])
      edges.push({ from: 'misc', row: `rcu:${k}`, to: `table:${cb.freeTable}`, kind: 'rcu' })
  }
  for (const [k, v] of Object.entries(state.vars))
    if (v !== null || changes.has(`vars:${k}`))
      misc.push(row(`var:${k}`, `${k} =`, formatValue(v), changes, `vars:${k}`))
  if (misc.length > 0)
    nodes.push({
      id: 'misc',
      kind: 'misc',
      band: 3,
      title: 'RCU and counters',
      tags: [],
      rows: misc,
      status: 'live',
      fresh: false,
    })
}
