/**
 * What is typed in the editor, kept in localStorage on every change (nothing typed is lost on
 * reload, valid or not), with the id of the scenario it belongs to.
 */
const KEY = 'interleave.editor.draft'
const MAX = 1_000_000

export interface Draft {
  readonly id: string
  readonly text: string
}

export function loadDraft(): Draft | null {
  try {
    const raw = window.localStorage.getItem(KEY)
    if (raw === null) return null
    const d = JSON.parse(raw) as unknown
    if (typeof d !== 'object' || d === null) return null
    const { id, text } = d as Record<string, unknown>
    return typeof id === 'string' && typeof text === 'string' ? { id, text } : null
  } catch {
    return null
  }
}

/** Returns false when the browser refuses (storage full or disabled). */
export function saveDraft(d: Draft): boolean {
  if (d.text.length > MAX) return false
  try {
    window.localStorage.setItem(KEY, JSON.stringify(d))
    return true
  } catch {
    return false
  }
}
