import * as act from '../state/actions'
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

export const COMMANDS: readonly Command[] = [
  {
    id: 'forward',
    label: 'Step forward',
    keys: '→',
    aria: 'ArrowRight',
    match: (e) => plain(e) && e.key === 'ArrowRight',
    perform: act.stepForward,
  },
  {
    id: 'back',
    label: 'Step back',
    keys: '←',
    aria: 'ArrowLeft',
    match: (e) => plain(e) && e.key === 'ArrowLeft',
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
]

export function command(id: string): Command {
  const c = COMMANDS.find((x) => x.id === id)
  if (!c) throw new Error(`no command ${id}`)
  return c
}

/** Route a key press to its command, unless the key belongs to a form field or a drag. */
export function dispatchKey(e: KeyboardEvent): void {
  // A key sent to the window or the document (a script, an embedding page) has no element.
  const t = e.target instanceof Element ? e.target : null
  if (t?.closest('input, select, textarea, [contenteditable="true"]')) return
  // A focused step chip uses Space and the arrows to be dragged; Alt+arrows still move it.
  if (t?.closest('[data-keys="own"]') && !e.altKey) return
  const scenarioOpen = useView.getState().scenarioId !== null
  const c = COMMANDS.find((x) => x.match(e))
  if (!c || (!scenarioOpen && c.id !== 'help' && c.id !== 'close')) return
  e.preventDefault()
  c.perform(e)
}
