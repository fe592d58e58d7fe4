import { describe, expect, it } from 'vitest'

import { pathAt, spanOf, tokenAt } from './jsonPath'

const TEXT = `{
  "id": "x",
  "threads": [
    { "letter": "A", "steps": [ { "id": "A1", "ops": [ { "op": "lock", "lock": "l" } ] } ] }
  ]
}`

describe('paths in a JSON text being typed', () => {
  it('finds the span of a loader error path, or of its nearest existing parent', () => {
    const at = (p: string) => {
      const s = spanOf(TEXT, p)
      return s ? TEXT.slice(s.from, s.to) : null
    }
    expect(at('threads.0.steps.0.ops.0.lock')).toBe('"lock"')
    expect(at('threads.0.steps.0.ops.0')).toBe('{')
    expect(at('threads.0.steps.0.ops.0.mode')).toBe('{')
    expect(at('threads.0.letter')).toBe('"letter"')
    expect(at('(root)')).toBe('{')
  })

  it('tells the path at the cursor and whether a key or a value goes there', () => {
    const cut = (marker: string) => TEXT.indexOf(marker) + marker.length
    expect(pathAt(TEXT, cut('"ops": [ { '))).toEqual({
      path: ['threads', 0, 'steps', 0, 'ops', 0],
      onKey: true,
    })
    expect(pathAt(TEXT, cut('"op": '))).toEqual({
      path: ['threads', 0, 'steps', 0, 'ops', 0, 'op'],
      onKey: false,
    })
    expect(pathAt('{ "threads": [ { "le', 20)).toEqual({ path: ['threads', 0], onKey: true })
    expect(tokenAt(TEXT, TEXT.indexOf('"letter"') + 2)).toMatchObject({
      role: 'key',
      path: ['threads', 0, 'letter'],
    })
  })
})

describe('hostile text in the editor', () => {
  it('a nesting deeper than the stack is a message at the top, not an exception', async () => {
    const { check } = await import('./validate')
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`
    const r = check(deep)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.message).toMatch(/^editor: /)
  })
})
