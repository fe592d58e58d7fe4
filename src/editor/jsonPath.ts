/**
 * Where things are in a JSON text that may be half typed: the path at a cursor (for completion
 * and hover) and the span of a path (for putting the loader's error at its field). A tolerant
 * scan, not a parser: it tracks objects, arrays, keys and values and never throws.
 */
export type PathItem = string | number

interface Frame {
  readonly kind: 'obj' | 'arr'
  key: string | null
  index: number
  /** In an object: the next string is a key (before its colon). */
  expectKey: boolean
}

export interface Token {
  /** The path of the value this token starts, or of the key it names. */
  readonly path: readonly PathItem[]
  readonly from: number
  readonly to: number
  readonly role: 'key' | 'value'
}

/** Every key and every value start, with its path, in text order. */
export function scan(text: string): Token[] {
  const out: Token[] = []
  const stack: Frame[] = []
  const here = (): PathItem[] =>
    stack.map((f) => (f.kind === 'arr' ? f.index : (f.key ?? ''))).filter((_, i) => i < stack.length)
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    const top = stack[stack.length - 1]
    if (ch === '"') {
      let j = i + 1
      while (j < text.length && text.charAt(j) !== '"' && text.charAt(j) !== '\n')
        j += text.charAt(j) === '\\' ? 2 : 1
      const end = Math.min(j + 1, text.length)
      if (top?.kind === 'obj' && top.expectKey) {
        top.key = text.slice(i + 1, j)
        out.push({ path: here(), from: i, to: end, role: 'key' })
      } else out.push({ path: here(), from: i, to: end, role: 'value' })
      i = end
      continue
    }
    if (ch === '{' || ch === '[') {
      out.push({ path: here(), from: i, to: i + 1, role: 'value' })
      stack.push({ kind: ch === '{' ? 'obj' : 'arr', key: null, index: 0, expectKey: ch === '{' })
    } else if (ch === '}' || ch === ']') stack.pop()
    else if (ch === ':' && top?.kind === 'obj') top.expectKey = false
    else if (ch === ',' && top) {
      if (top.kind === 'arr') top.index++
      else top.expectKey = true
    } else if (/[-0-9tfn]/.test(ch)) {
      let j = i
      while (j < text.length && /[-+.0-9a-zA-Z]/.test(text.charAt(j))) j++
      out.push({ path: here(), from: i, to: j, role: 'value' })
      i = j
      continue
    }
    i++
  }
  return out
}

const same = (a: readonly PathItem[], b: readonly PathItem[]) =>
  a.length === b.length && a.every((x, k) => String(x) === String(b[k]))

/**
 * The span to mark for a loader error at `path` (`threads.0.steps.4.ops.0`): the key naming the
 * field if there is one, else the value, else the nearest enclosing field that exists.
 */
export function spanOf(text: string, path: string): { from: number; to: number } | null {
  const tokens = scan(text)
  const parts: PathItem[] = path === '' || path === '(root)' ? [] : path.split('.')
  for (let n = parts.length; n >= 0; n--) {
    const want = parts.slice(0, n)
    const key = tokens.find((t) => t.role === 'key' && same(t.path, want))
    if (key) return { from: key.from, to: key.to }
    const value = tokens.find((t) => t.role === 'value' && same(t.path, want))
    if (value) return { from: value.from, to: value.to }
  }
  return null
}

/**
 * The path at `offset`, and whether a key goes there (after `{` or `,` in an object, or while a
 * key is being typed) or a value (after a colon, or in an array). A partly typed string is
 * ignored; a probe string put at the cursor tells which role it would have.
 */
export function pathAt(text: string, offset: number): { path: PathItem[]; onKey: boolean } {
  let head = text.slice(0, offset)
  const last = scan(head).at(-1)
  const open =
    last !== undefined &&
    head.charAt(last.from) === '"' &&
    last.to >= head.length &&
    (last.to - last.from < 2 || head.charAt(last.to - 1) !== '"')
  if (open) head = head.slice(0, last.from)
  const probe = scan(`${head}"\u0000"`).at(-1)
  if (!probe) return { path: [], onKey: false }
  return probe.role === 'key'
    ? { path: probe.path.slice(0, -1), onKey: true }
    : { path: [...probe.path], onKey: false }
}

/** The key or value token under `offset`. */
export function tokenAt(text: string, offset: number): Token | undefined {
  return scan(text).find((t) => t.from <= offset && offset <= t.to)
}
