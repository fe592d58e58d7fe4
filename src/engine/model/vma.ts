import type { Draft } from './draft'
import { ModelError } from './errors'
import type { Vma } from './types'

/**
 * VMAs and the anonymous rmap's address arithmetic. `vma_address()` trusts the VMA: it computes
 * where a page *should* be from `vm_start`, `vm_pgoff` and `page->index`, never looking at the
 * page tables. That is why a VMA changed before its PTEs moved (exec's stack shift) misleads it.
 */
export function vma(d: Draft, id: string): Vma {
  return d.must('vmas', id)
}

/** `vma_address(page, vma)`: `vm_start + (index - vm_pgoff) * PAGE_SIZE`, or null (-EFAULT) if outside. */
export function vmaAddress(d: Draft, id: string, pageIndex: number): number | null {
  const m = vma(d, id)
  d.read(`vmas:${id}`, `[${String(m.start)}, ${String(m.end)}) pgoff ${String(m.pgoff)}`)
  const addr = m.start + (pageIndex - m.pgoff) * d.world.pageSize
  return addr < m.start || addr >= m.end ? null : addr
}

export function setBounds(
  d: Draft,
  id: string,
  fields: { start?: number; end?: number; pgoff?: number }
): void {
  const m = vma(d, id)
  const next = { ...m, ...fields }
  if (next.start >= next.end)
    throw new ModelError(`VMA ${id} would be empty: [${String(next.start)}, ${String(next.end)})`)
  d.patch('vmas', id, fields)
}

export function setFlag(d: Draft, id: string, flag: string, on: boolean): void {
  const m = vma(d, id)
  const flags = on ? [...new Set([...m.flags, flag])].sort() : m.flags.filter((f) => f !== flag)
  d.patch('vmas', id, { flags })
}

export function hasFlag(d: Draft, id: string, flag: string): boolean {
  const m = vma(d, id)
  d.read(`vmas:${id}.flags`, m.flags.join('|'))
  return m.flags.includes(flag)
}

/** `anon_vma_prepare`: attach an anon_vma if the VMA has none. */
export function prepareAnonVma(d: Draft, id: string, anonVma: string): void {
  if (vma(d, id).anonVma === null) d.patch('vmas', id, { anonVma })
}
