import type { State } from '../model/types'

/**
 * A canonical text for a state: object keys sorted, so two equal states built in different
 * orders get the same key. Arrays keep their order (lock queues are ordered on purpose).
 */
export function stateKey(s: State): string {
  return canon(s)
}

function canon(v: unknown): string {
  if (v === undefined) return 'null'
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`
  const o = v as Record<string, unknown>
  const keys = Object.keys(o).sort()
  let out = '{'
  for (const k of keys) {
    const x = o[k]
    if (x === undefined) continue
    if (out.length > 1) out += ','
    out += `${JSON.stringify(k)}:${canon(x)}`
  }
  return `${out}}`
}
