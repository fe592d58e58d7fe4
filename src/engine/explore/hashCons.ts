import { arraySeed, arrayStep, entryHash, primitiveHash, RECORD_SEED } from './stateHash'

type Cells = Record<string, unknown>

/**
 * The parts stored states are made of, hash-consed: an object equal to one already seen is
 * replaced by that one, so equal values are the same object and comparing parts is comparing
 * references. Maps and threads (the cells of a row) also get integer ids, and every canonical
 * object its hash, kept beside it so a state's hash can be updated by the parts a step changed.
 */
export class Parts {
  /** Canonical maps and threads by id, and each one's hash by id. */
  readonly objects: object[] = []
  readonly objectHash: number[] = []
  private readonly ids = new Map<object, number>()
  /**
   * Canonical objects by hash, and the hash of each canonical object. A hash with one object
   * (nearly all) maps to it directly; more than one share a `Shared` list.
   */
  private readonly buckets = new Map<number, object>()
  private readonly hashes = new Map<object, number>()

  /** `mask` below -1 throws hash bits away (tests make every look-up collide). */
  constructor(private readonly mask: number) {}

  /** The hash of a canonical object. */
  hashOf(o: object): number {
    return this.hashes.get(o) as number
  }

  /** The id of a canonical map or thread cell of a stored state. */
  idOf(o: object): number {
    const id = this.ids.get(o)
    if (id === undefined) throw new Error('not a part of a stored state')
    return id
  }

  /** The id of a canonical map or thread, given one if it has none yet. */
  id(o: object): number {
    let id = this.ids.get(o)
    if (id === undefined) {
      id = this.objects.push(o) - 1
      this.ids.set(o, id)
      this.objectHash.push(this.hashes.get(o) as number)
    }
    return id
  }

  /** The hash of a canonical value. */
  valueHash(v: unknown): number {
    return typeof v === 'object' && v !== null ? (this.hashes.get(v) as number) : primitiveHash(v)
  }

  /** The canonical object equal to `v` (its parts made canonical first), or `v` itself. */
  canon(v: unknown): unknown {
    if (typeof v !== 'object' || v === null || this.hashes.has(v)) return v
    let h: number
    if (Array.isArray(v)) {
      const arr = v as unknown[]
      h = arraySeed(arr.length)
      for (let i = 0; i < arr.length; i++) {
        const x = this.canon(arr[i])
        arr[i] = x
        h = arrayStep(h, this.valueHash(x))
      }
    } else {
      const rec = v as Cells
      h = RECORD_SEED
      for (const k in rec) {
        let x = rec[k]
        if (x === undefined) continue
        x = this.canon(x)
        rec[k] = x
        h = (h + entryHash(k, this.valueHash(x))) | 0
      }
    }
    return this.canonical(v, h & this.mask)
  }

  /** `v` (whose parts are canonical, and whose hash is `h`), or the canonical object equal to it. */
  canonical(v: object, h: number): object {
    const bucket = this.buckets.get(h)
    if (bucket === undefined) this.buckets.set(h, v)
    else if (bucket instanceof Shared) {
      for (const c of bucket.items) if (shallowSame(c, v)) return c
      bucket.items.push(v)
    } else {
      if (shallowSame(bucket, v)) return bucket
      this.buckets.set(h, new Shared([bucket, v]))
    }
    this.hashes.set(v, h)
    return v
  }
}

/** The canonical objects that share one hash (a class of its own: a canonical value may be an array). */
class Shared {
  constructor(readonly items: object[]) {}
}

/**
 * Equality of two records or two arrays whose parts are canonical: the same parts, by identity
 * for objects and by value for primitives. Keys holding `undefined` count as absent.
 */
function shallowSame(a: object, b: object): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
    return true
  }
  const x = a as Cells
  const y = b as Cells
  let n = 0
  for (const k in x) {
    const v = x[k]
    if (v === undefined) continue
    n++
    if (v !== y[k]) return false
  }
  for (const k in y) if (y[k] !== undefined) n--
  return n === 0
}
