import { formatEntry, GUP_PIN_COUNTING_BIAS, hex } from '../engine'
import { byIndex, entryTarget, ENTRY_TONE, folioOfPage, keysWithChanged, note, row, type Ctx } from './rows'
import type { Row, Tone } from './types'

/** Band 0: each mm with its VMAs and PMD slots, then the IOMMUs (their walk caches and IOTLBs). */
export function mms({ program, state, changes, nodes, edges }: Ctx): void {
  const span = program.world.pageSize * program.world.ptesPerTable
  const knownPmds = Object.keys(program.initial.pmds)
  const pmdKeys = keysWithChanged(
    { ...state.pmds, ...Object.fromEntries(knownPmds.map((k) => [k, 1])) },
    changes,
    'pmds:'
  )
  const mmOf = (k: string) => k.slice(0, k.lastIndexOf(':'))
  const mms = [
    ...new Set([
      ...Object.values(state.vmas).map((v) => v.mm),
      ...pmdKeys.map(mmOf),
      ...Object.values(state.tables).map((t) => t.mm),
    ]),
  ].sort()
  for (const mm of mms) {
    const rows: Row[] = []
    for (const [id, v] of Object.entries(state.vmas)) {
      if (v.mm !== mm) continue
      const p = `vmas:${id}.`
      const s0 = changes.get(`${p}start`)
      const e0 = changes.get(`${p}end`)
      rows.push({
        key: `vma:${id}`,
        label: `VMA ${id}`,
        value: `${hex(v.start)}–${hex(v.end)}`,
        ...(s0 || e0 ? { was: `${s0?.before ?? hex(v.start)}–${e0?.before ?? hex(v.end)}` } : {}),
      })
      rows.push(row(`vma:${id}:pgoff`, '  pgoff', String(v.pgoff), changes, `${p}pgoff`, 'muted'))
      rows.push(row(`vma:${id}:anon`, '  anon_vma', v.anonVma ?? 'none', changes, `${p}anonVma`, 'muted'))
      rows.push(
        row(
          `vma:${id}:flags`,
          ' ',
          [...v.flags, ...v.uffd.map((u) => `uffd-${u}`)].join('|'),
          changes,
          `${p}flags`,
          'muted'
        )
      )
    }
    for (const key of pmdKeys.filter((k) => mmOf(k) === mm)) {
      const e = state.pmds[key] ?? ({ k: 'none' } as const)
      const base = Number(key.slice(key.lastIndexOf(':') + 1))
      const r = `pmd:${key}`
      rows.push(
        row(
          r,
          `PMD ${hex(base)}–${hex(base + span - 1)}`,
          formatEntry(e),
          changes,
          `pmds:${key}`,
          ENTRY_TONE[e.k]
        )
      )
      const t = entryTarget(e)
      if (t) edges.push({ from: `mm:${mm}`, row: r, ...t })
    }
    nodes.push({
      id: `mm:${mm}`,
      kind: 'mm',
      band: 0,
      // A race with one address space calls it "mm": not "mm mm".
      title: mm === 'mm' ? 'mm' : `mm ${mm}`,
      tags: [],
      rows,
      status: 'live',
      fresh: false,
    })
  }
  for (const [id, mmu] of Object.entries(state.iommus)) {
    const rows: Row[] = []
    const p = `iommus:${id}.`
    for (const va of keysWithChanged(mmu.walkCache, changes, `${p}walkCache.`)) {
      const t = mmu.walkCache[va]
      rows.push(
        row(
          `walk:${va}`,
          `cached walk ${va}`,
          t ?? 'none',
          changes,
          `${p}walkCache.${va}`,
          t ? 'table' : 'muted'
        )
      )
      if (t) edges.push({ from: `iommu:${id}`, row: `walk:${va}`, to: `table:${t}`, kind: 'walk' })
    }
    for (const va of keysWithChanged(mmu.iotlb, changes, `${p}iotlb.`)) {
      const pg = mmu.iotlb[va]
      rows.push(
        row(
          `iotlb:${va}`,
          `IOTLB ${hex(Number(va))}`,
          pg ?? 'none',
          changes,
          `${p}iotlb.${va}`,
          pg ? 'ok' : 'muted'
        )
      )
      if (pg)
        edges.push({ from: `iommu:${id}`, row: `iotlb:${va}`, to: `folio:${folioOfPage(pg)}`, kind: 'iotlb' })
    }
    if (rows.length === 0) rows.push(note('empty', 'no cached walk, IOTLB empty', 'muted'))
    nodes.push({
      id: `iommu:${id}`,
      kind: 'iommu',
      band: 0,
      title: `IOMMU ${id} (${mmu.mm})`,
      tags: [],
      rows,
      status: 'live',
      fresh: false,
    })
  }
}

/** Band 1: PTE tables, with their status (detached, deposited, freed) and their entries. */
export function tables({ program, state, changes, nodes, edges }: Ctx): void {
  for (const [id, t] of Object.entries(state.tables)) {
    const p = `tables:${id}.ptes.`
    const rows: Row[] = []
    for (const idx of keysWithChanged(t.ptes, changes, p, byIndex)) {
      const e = t.ptes[idx] ?? ({ k: 'none' } as const)
      rows.push(row(`pte:${idx}`, `[${idx}]`, formatEntry(e), changes, `${p}${idx}`, ENTRY_TONE[e.k]))
      const tg = entryTarget(e)
      if (tg) edges.push({ from: `table:${id}`, row: `pte:${idx}`, ...tg })
    }
    if (rows.length === 0)
      rows.push(note('empty', `all ${String(program.world.ptesPerTable)} entries none`, 'muted'))
    const st = changes.get(`tables:${id}.status`)
    const gone = t.status === 'freed' || t.status === 'rcu-pending'
    nodes.push({
      id: `table:${id}`,
      kind: 'table',
      band: 1,
      title: `PTE table ${id} (${t.mm})`,
      tags:
        t.status === 'attached' && !st
          ? []
          : [
              {
                text: st ? `${st.before} → ${t.status}` : t.status,
                tone: gone ? 'bad' : t.status === 'attached' ? 'ok' : 'warn',
              },
            ],
      rows,
      status: gone ? 'gone' : t.status === 'attached' ? 'live' : 'loose',
      fresh: changes.has(`tables:${id}`),
    })
  }
}

/** Band 2: folios, with the cards' detail; a folio nothing maps is marked an orphan. */
export function folios({ state, changes, checkOf, nodes, edges }: Ctx): void {
  const mappedFolios = new Set(edges.filter((e) => e.to.startsWith('folio:')).map((e) => e.to))
  for (const id of Object.values(state.pageCache)) mappedFolios.add(`folio:${id}`)
  for (const [id, f] of Object.entries(state.folios)) {
    const p = `folios:${id}.`
    const check = checkOf(id)
    const pins = f.large ? f.pincount : Math.floor(f.refcount / GUP_PIN_COUNTING_BIAS)
    const lock = state.locks[`PG_locked:${id}`]
    const holder = lock?.holders[0]?.t
    const waiters = lock?.waiters ?? []
    const orphan = !f.freed && !mappedFolios.has(`folio:${id}`)
    const rows: Row[] = [
      row('refcount', 'refcount', String(f.refcount), changes, `${p}refcount`),
      ...(check
        ? [
            note(
              'check',
              `  check at ${check.by}: expected ${check.expected}, saw ${check.actual} ${check.ok ? '✓' : '✗'}`,
              check.ok ? 'ok' : 'bad'
            ),
          ]
        : []),
      row('mapcount', 'mapcount', String(f.mapcount), changes, `${p}mapcount`),
      ...(pins > 0 || f.pincount > 0
        ? [
            row(
              'pins',
              'pins',
              `${String(pins)} ${f.large ? '(pincount)' : `(×${String(GUP_PIN_COUNTING_BIAS)} in refcount)`}`,
              changes,
              `${p}pincount`
            ),
          ]
        : []),
      {
        key: 'locked',
        label: 'PG_locked',
        value: `${holder ? `by ${holder}` : 'no'}${waiters.length > 0 ? ` · waiting: ${waiters.map((w) => `${w.t}${w.want === 'unlock-wait' ? ' (no ref)' : ''}`).join(', ')}` : ''}`,
        ...(holder ? { tone: 'warn' as const } : {}),
      },
      row('lru', 'LRU', f.lru ? 'on' : 'isolated', changes, `${p}lru`, 'muted'),
      ...(f.mapping !== null || changes.has(`${p}mapping`)
        ? [row('mapping', 'mapping', f.mapping ?? 'none', changes, `${p}mapping`, 'muted')]
        : []),
      row('data', 'data', f.content.map((x) => x || '∅').join(' | '), changes, `${p}content`),
    ]
    const tags: { text: string; tone: Tone }[] = []
    if (f.large) tags.push({ text: 'large', tone: 'muted' })
    if (f.devicePrivate) tags.push({ text: 'device-private', tone: 'device' })
    tags.push({ text: f.anon ? 'anon' : 'file', tone: 'muted' })
    if (f.freed) tags.push({ text: 'freed', tone: 'bad' })
    if (f.frozen) tags.push({ text: 'frozen', tone: 'warn' })
    if (orphan) tags.push({ text: 'orphan', tone: 'warn' })
    nodes.push({
      id: `folio:${id}`,
      kind: 'folio',
      band: 2,
      title: id,
      tags,
      rows,
      status: f.freed ? 'gone' : orphan ? 'loose' : 'live',
      fresh: changes.has(`folios:${id}`),
    })
  }
}
