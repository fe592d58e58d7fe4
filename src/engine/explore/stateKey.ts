import type { State } from '../model/types'

/**
 * A canonical text for a state: object keys sorted, so two equal states built in different
 * orders get the same key. Arrays keep their order (lock queues are ordered on purpose).
 *
 * States are immutable and a step copies only what it changes, so the text of every unchanged
 * object is remembered by identity: keying a successor costs about what the step changed.
 */
const memo = new WeakMap<object, string>()

export function stateKey(s: State): string {
  return canon(s)
}

function canon(v: unknown): string {
  if (v === undefined) return 'null'
  if (v === null || typeof v !== 'object') return JSON.stringify(v)
  const known = memo.get(v)
  if (known !== undefined) return known
  let out: string
  if (Array.isArray(v)) out = `[${v.map(canon).join(',')}]`
  else {
    const o = v as Record<string, unknown>
    out = '{'
    for (const k of Object.keys(o).sort()) {
      const x = o[k]
      if (x === undefined) continue
      if (out.length > 1) out += ','
      out += `${JSON.stringify(k)}:${canon(x)}`
    }
    out += '}'
  }
  memo.set(v, out)
  return out
}
