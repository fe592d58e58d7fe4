import { clip, ScenarioError } from './error'

/**
 * The bounds a scenario file is held to before anything recurses into it: its size, its nesting
 * and its number of values, and no prototype keys.
 */
export const MAX_SCENARIO_BYTES = 1_000_000
/** Scenario files nest about 11 deep; anything past this is refused before any recursion. */
export const MAX_JSON_DEPTH = 32
/** Objects, arrays and values in one file: far above any race, far below what exhausts memory. */
export const MAX_JSON_VALUES = 200_000

/** Where the text first opens a bracket past `MAX_JSON_DEPTH`, or null; strings are skipped. */
export function tooDeep(text: string): { line: number; column: number } | null {
  let depth = 0
  let line = 1
  let lineStart = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // A string: skip to its closing quote (a backslash escapes the next character).
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i)
        if (d === 92) i++
        else if (d === 34) break
      }
    } else if (c === 91 || c === 123) {
      if (++depth > MAX_JSON_DEPTH) return { line, column: i - lineStart + 1 }
    } else if (c === 93 || c === 125) depth--
    else if (c === 10) {
      line++
      lineStart = i + 1
    }
  }
  return null
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Before the schema recurses into a value: bound its depth and size, and refuse prototype keys
 * (JSON.parse makes `__proto__` an own key; say so instead of letting a schema drop it silently).
 * Iterative, so a hostile value cannot exhaust the stack here.
 */
export function checkShape(root: unknown, file: string): void {
  const stack: { v: unknown; path: string[] }[] = [{ v: root, path: [] }]
  let values = 0
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string[] }
    if (++values > MAX_JSON_VALUES)
      throw new ScenarioError(file, '(file)', `more than ${String(MAX_JSON_VALUES)} values`)
    if (typeof v !== 'object' || v === null) continue
    if (path.length >= MAX_JSON_DEPTH)
      throw new ScenarioError(file, shortPath(path), `nested deeper than ${String(MAX_JSON_DEPTH)} levels`)
    for (const [k, x] of Object.entries(v)) {
      if (FORBIDDEN_KEYS.has(k))
        throw new ScenarioError(file, shortPath([...path, k]), `the key '${k}' is not allowed`)
      stack.push({ v: x, path: [...path, k] })
    }
  }
}

/** A field path for a message: long ones keep their start and end. */
function shortPath(path: readonly string[]): string {
  const p = path.map((k) => clip(k, 40))
  return p.length > 12 ? `${p.slice(0, 6).join('.')}.….${p.slice(-4).join('.')}` : p.join('.') || '(root)'
}
