/**
 * Names in a scenario (locks, vars, locals, folios, marks…) key plain objects. A name such as
 * `toString` or `hasOwnProperty` must mean the scenario's own entry, never an inherited member
 * of `Object.prototype`: every lookup by a scenario's name goes through `own`.
 */
export function own<V>(o: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined
}

/** Whether a plain object would answer `key` from its prototype (decided once, off the hot path). */
export function inheritedName(key: string): boolean {
  return key in Object.prototype
}
