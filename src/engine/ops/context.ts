import type { Draft } from '../model/draft'
import { ModelError } from '../model/errors'
import { formatPage, isEntry, parsePage } from '../model/format'
import { own } from '../model/own'
import { folioOf, pageOf } from '../model/pagetable'
import type { Entry, Letter, PageRef, Value } from '../model/types'

/**
 * What an op sees while it runs: the draft state, the running thread, and resolvers for the
 * references scenario files use: `$name` is one of the thread's locals, anything else a literal.
 */
export class OpCtx {
  constructor(
    readonly d: Draft,
    readonly t: Letter,
    readonly mm: string,
    /** Named addresses from the scenario (`VA0` → 0x200000). */
    private readonly addresses: Readonly<Record<string, number>>
  ) {}

  local(name: string): Value {
    const v = own(this.d.thread(this.t).locals, name)
    if (v === undefined) throw new ModelError(`${this.t} reads local '${name}', which was never set`)
    return v
  }

  setLocal(name: string, v: Value): void {
    this.d.setLocal(this.t, name, v)
  }

  value(ref: Value): Value {
    return typeof ref === 'string' && ref.startsWith('$') ? this.local(ref.slice(1)) : ref
  }

  va(ref: string | number): number {
    if (typeof ref === 'number') return ref
    if (ref.startsWith('$')) {
      const v = this.local(ref.slice(1))
      const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN
      if (!Number.isSafeInteger(n) || n < 0)
        throw new ModelError(`local ${ref} holds ${JSON.stringify(v)}, not an address`)
      return n
    }
    const named = own(this.addresses, ref)
    if (named !== undefined) return named
    const n = ref.trim() === '' ? NaN : Number(ref)
    if (!Number.isSafeInteger(n) || n < 0) throw new ModelError(`unknown address '${ref}'`)
    return n
  }

  entry(ref: Value): Entry {
    const v = this.value(ref)
    if (!isEntry(v)) throw new ModelError(`expected a page-table entry, got ${JSON.stringify(v)}`)
    if ('folio' in v && v.folio.startsWith('$')) return { ...v, folio: this.folio(v.folio) }
    if (v.k === 'table' && v.table.startsWith('$')) {
      const t = this.value(v.table)
      if (typeof t !== 'string') throw new ModelError(`${v.table} holds no table id`)
      return { k: 'table', table: t }
    }
    return v
  }

  /** A folio named directly, or the folio of an entry or page held in a local. */
  folio(ref: string): string {
    const v = this.value(ref)
    if (isEntry(v)) {
      const f = folioOf(v)
      if (!f) throw new ModelError(`entry in ${ref} maps no folio`)
      return f
    }
    if (typeof v !== 'string') throw new ModelError(`expected a folio, got ${JSON.stringify(v)}`)
    return parsePage(v).folio
  }

  /** A page named directly (`P0#0`), held in a local, or the page an entry maps at `va`. */
  page(ref: string, va?: string | number): PageRef {
    const v = this.value(ref)
    if (isEntry(v)) {
      const p = pageOf(this.d.world, v, va === undefined ? 0 : this.va(va))
      if (!p) throw new ModelError(`entry in ${ref} maps no page`)
      return p
    }
    if (typeof v !== 'string') throw new ModelError(`expected a page, got ${JSON.stringify(v)}`)
    return parsePage(v)
  }

  pageValue(p: PageRef): string {
    return formatPage(p)
  }
}
