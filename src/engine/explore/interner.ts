import type { State } from '../model/types'

/**
 * Exact state de-duplication by hash-consing. Each distinct object (a folio, a lock, a map of
 * them) gets a small integer id the first time its content is seen; an object's content is
 * written in terms of its children's ids, so every key stays short and a state's key costs about
 * what the last step changed (unchanged objects keep their identity and their remembered id).
 * No hashing shortcut: equal keys mean equal states.
 */
export class Interner {
  /**
   * The id is remembered on the object itself under a symbol private to this interner: states
   * are immutable, symbol keys are invisible to Object.keys, JSON and structured clone, and a
   * property read is much cheaper than a WeakMap lookup on this hot path.
   */
  private readonly tag = Symbol('interned')
  private readonly byContent = new Map<string, number>()

  /** The key of a state: distinct for distinct states, equal for equal ones. */
  key(s: State): string {
    return this.repr(s)
  }

  get size(): number {
    return this.byContent.size
  }

  private id(v: object): number {
    const known = (v as Record<symbol, number | undefined>)[this.tag]
    if (known !== undefined) return known
    const content = this.repr(v)
    let id = this.byContent.get(content)
    if (id === undefined) {
      id = this.byContent.size
      this.byContent.set(content, id)
    }
    Object.defineProperty(v, this.tag, { value: id, enumerable: false })
    return id
  }

  private repr(v: object): string {
    if (Array.isArray(v)) return `[${v.map((x: unknown) => this.part(x)).join(',')}]`
    const o = v as Record<string, unknown>
    let out = '{'
    for (const k of Object.keys(o).sort()) {
      const x = o[k]
      if (x === undefined) continue
      out += `${k}:${this.part(x)},`
    }
    return `${out}}`
  }

  private part(x: unknown): string {
    // Numbers and booleans print unambiguously as they are; only strings need quoting.
    if (typeof x === 'object') return x === null ? 'null' : `#${String(this.id(x))}`
    if (typeof x === 'number') return String(x)
    if (typeof x === 'boolean') return x ? 'true' : 'false'
    return JSON.stringify(x)
  }
}
