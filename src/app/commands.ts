import * as act from '../state/actions'
import { redo, undo } from '../state/history'
import { toggleAllState, toggleBlank, toggleZoom, unblank, usePresentation } from '../state/presentation'
import { useView } from '../state/store'

/**
 * Every keyboard-reachable intent, once: its label, the keys shown in the help and in
 * aria-keyshortcuts, and what it does. One keydown listener dispatches them.
 */
export interface Command {
  readonly id: string
  readonly label: string
  /** Keys as shown to people. */
  readonly keys: string
  /** The `aria-keyshortcuts` value. */
  readonly aria: string
  readonly match: (e: KeyboardEvent) => boolean
  readonly perform: (e: KeyboardEvent) => void
}

const plain = (e: KeyboardEvent) => !e.altKey && !e.ctrlKey && !e.metaKey
const ctrl = (e: KeyboardEvent) => (e.ctrlKey || e.metaKey) && !e.altKey

export const COMMANDS: readonly Command[] = [
  {
    id: 'forward',
    label: 'Step forward',
    keys: '→ or PageDown',
    aria: 'ArrowRight PageDown',
    // Presentation clickers send PageDown / PageUp.
    match: (e) => plain(e) && (e.key === 'ArrowRight' || e.key === 'PageDown'),
    perform: act.stepForward,
  },
  {
    id: 'back',
    label: 'Step back',
    keys: '← or PageUp',
    aria: 'ArrowLeft PageUp',
    match: (e) => plain(e) && (e.key === 'ArrowLeft' || e.key === 'PageUp'),
    perform: act.stepBack,
  },
  {
    id: 'start',
    label: 'Jump to the start',
    keys: 'Home',
    aria: 'Home',
    match: (e) => plain(e) && e.key === 'Home',
    perform: act.toStart,
  },
  {
    id: 'end',
    label: 'Jump to the end',
    keys: 'End',
    aria: 'End',
    match: (e) => plain(e) && e.key === 'End',
    perform: act.toEnd,
  },
  {
    id: 'play',
    label: 'Play / pause',
    keys: 'Space',
    aria: 'Space',
    match: (e) => plain(e) && e.key === ' ',
    perform: act.togglePlay,
  },
  {
    id: 'thread',
    label: 'Run that thread next (A, B, C…)',
    keys: 'A–H',
    aria: 'A B C D E F G H',
    match: (e) => plain(e) && !e.shiftKey && /^[a-h]$/.test(e.key),
    perform: (e) => act.runThread(e.key.toUpperCase()),
  },
  {
    id: 'earlier',
    label: 'Move the selected step earlier',
    keys: 'Alt+←',
    aria: 'Alt+ArrowLeft',
    match: (e) => e.altKey && e.key === 'ArrowLeft',
    perform: () => act.moveSelected(-1),
  },
  {
    id: 'later',
    label: 'Move the selected step later',
    keys: 'Alt+→',
    aria: 'Alt+ArrowRight',
    match: (e) => e.altKey && e.key === 'ArrowRight',
    perform: () => act.moveSelected(1),
  },
  {
    id: 'undo',
    label: 'Undo the last change of the interleaving',
    keys: 'Ctrl+Z',
    aria: 'Control+Z Meta+Z',
    match: (e) => ctrl(e) && !e.shiftKey && e.key.toLowerCase() === 'z',
    perform: () => undo(),
  },
  {
    id: 'redo',
    label: 'Redo it',
    keys: 'Ctrl+Shift+Z',
    aria: 'Control+Shift+Z Meta+Shift+Z Control+Y',
    match: (e) =>
      ctrl(e) &&
      ((e.shiftKey && e.key.toLowerCase() === 'z') || (!e.shiftKey && e.key.toLowerCase() === 'y')),
    perform: () => redo(),
  },
  {
    id: 'zoom',
    label: 'Timeline: fit the whole run / follow the current step',
    keys: 'Z',
    aria: 'Z',
    match: (e) => plain(e) && e.key.toLowerCase() === 'z',
    perform: toggleZoom,
  },
  {
    id: 'state',
    label: 'Lecture mode: show every state object / only what the step touches',
    keys: 'S',
    aria: 'S',
    match: (e) => plain(e) && e.key.toLowerCase() === 's',
    perform: toggleAllState,
  },
  {
    id: 'blank',
    label: 'Blank the screen (any key brings it back)',
    keys: '.',
    aria: '.',
    match: (e) => plain(e) && e.key === '.',
    perform: toggleBlank,
  },
  {
    id: 'lecture',
    label: 'Lecture mode on / off',
    keys: 'L',
    aria: 'L',
    match: (e) => plain(e) && e.key.toLowerCase() === 'l',
    perform: act.toggleLecture,
  },
  {
    id: 'help',
    label: 'Show these shortcuts',
    keys: '?',
    aria: 'Shift+?',
    match: (e) => e.key === '?',
    perform: act.toggleHelp,
  },
  {
    id: 'close',
    label: 'Close this dialog',
    keys: 'Esc',
    aria: 'Escape',
    match: (e) => e.key === 'Escape' && useView.getState().help,
    perform: act.closeHelp,
  },
  {
    id: 'leave-lecture',
    label: 'Leave lecture mode',
    keys: 'Esc',
    aria: 'Escape',
    match: (e) => e.key === 'Escape' && useView.getState().lecture,
    perform: act.toggleLecture,
  },
]

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id)
  if (!c) throw new Error(`no command ${id}`)
  return c
}

/** Elements that Space and Enter press: the key is theirs, not the page's. */
const PRESSABLE =
  'button, a[href], summary, input[type="checkbox"], [role="button"], [role="checkbox"], [role="tab"], [role="link"]'

/**
 * Route a key press to its command, unless the key belongs to a form field, a drag, a focused
 * button (Space and Enter press it) or an open dialog (only its own Esc gets through). While the
 * screen is blank, any key brings it back and does nothing else.
 */
export function dispatchKey(e: KeyboardEvent): void {
  if (['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) return
  if (usePresentation.getState().blank) {
    e.preventDefault()
    unblank()
    return
  }
  // A key sent to the window or the document (a script, an embedding page) has no element.
  const t = e.target instanceof Element ? e.target : null
  if (document.querySelector('dialog[open]')) {
    if (e.key === 'Escape' && useView.getState().help) {
      e.preventDefault()
      act.closeHelp()
    }
    return
  }
  if ((e.key === ' ' || e.key === 'Enter') && t?.closest(PRESSABLE)) return
  // Text fields and selects keep their keys; a checkbox (a fix) lets Ctrl+Z and the steps through.
  if (t?.closest('input:not([type="checkbox"]), select, textarea, [contenteditable="true"]')) return
  // A focused step chip uses Space and the arrows to be dragged; Alt+arrows still move it.
  if (t?.closest('[data-keys="own"]') && !e.altKey) return
  const scenarioOpen = useView.getState().scenarioId !== null
  const c = COMMANDS.find((x) => x.match(e))
  if (!c || (!scenarioOpen && c.id !== 'help' && c.id !== 'close' && c.id !== 'blank')) return
  e.preventDefault()
  c.perform(e)
}
