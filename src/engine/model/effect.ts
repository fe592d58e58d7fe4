import type { Letter, LockMode } from './types'

/**
 * What one step read, wrote, locked and unlocked, in order. `path` names a state cell as
 * `<map>:<id>[.<field>]` (e.g. `folios:P0.refcount`, `pmds:mm:0x200000`), so the UI can
 * highlight the cell and show its before → after values without knowing the primitives.
 */
export type Effect =
  | { readonly kind: 'read'; readonly path: string; readonly value: string }
  | {
      readonly kind: 'write'
      readonly path: string
      readonly before: string
      readonly after: string
    }
  | { readonly kind: 'lock'; readonly lock: string; readonly mode: LockMode; readonly t: Letter }
  | { readonly kind: 'unlock'; readonly lock: string; readonly t: Letter }
  | { readonly kind: 'block'; readonly t: Letter; readonly reason: string }
  | { readonly kind: 'wake'; readonly t: Letter; readonly reason: string }
  | {
      readonly kind: 'check'
      readonly what: string
      readonly actual: string
      readonly expected: string
      readonly ok: boolean
    }
