import { formatLink, parseLink } from '../share/link'
import { currentLink, goHome, notify, openLink } from './actions'
import { silently, takePush } from './history'
import { useView } from './store'

/**
 * Keeps the URL hash and the store in step: the hash is read once at start and on every
 * hashchange (back, forward, a pasted link); the store writes it back, throttled as `WRITE_GAP_MS`
 * explains: a deliberate change of the interleaving (history.ts records it) gets a new browser
 * history entry (pushState), so Back and Forward walk through those changes; stepping replaces
 * the current entry.
 */
export function applyHash(hash: string): void {
  const r = parseLink(hash)
  if (r === null) {
    goHome()
    return
  }
  if (!r.ok) {
    goHome()
    notify('error', `This link could not be opened: ${r.error} Pick a race below.`)
    return
  }
  openLink(r.link)
  for (const note of r.link.notes ?? []) notify('info', note)
}

/**
 * Browsers cap history updates (Chromium ignores replaceState past 200 calls in 10 s, WebKit
 * allows 100 and may throw, Gecko 200), and a lecturer holding an arrow key steps 30 times a
 * second. So the URL is written at most once per gap: the first change at once, the rest of a
 * burst when the gap ends, from the view as it is then. A stale URL lasts at most one gap.
 */
const WRITE_GAP_MS = 350

let pending: ReturnType<typeof setTimeout> | null = null
let lastWrite = -Infinity
/**
 * The hash as this page last wrote or read it. A different hash in the address bar was put
 * there by someone else (a pasted link, a script, back or forward) whose hashchange event may
 * not have arrived yet: a due write must not overwrite it, it must be opened instead.
 */
let known: string | null = null

const bare = (h: string) => (h === '#' || h === '#/' ? '' : h)

/** Write the view's link into the URL now, if it differs. */
export function flushUrl(): void {
  if (pending !== null) clearTimeout(pending)
  pending = null
  const push = takePush()
  if (known !== null && bare(window.location.hash) !== known) {
    // Someone else changed the address since: theirs wins. Opening it changes the view, which
    // writes that view's own link (the same, in canonical form) after the usual gap.
    openHash(window.location.hash)
    return
  }
  lastWrite = performance.now()
  const link = currentLink()
  const hash = link ? formatLink(link) : ''
  if (bare(hash) === bare(window.location.hash)) return
  try {
    window.history[push ? 'pushState' : 'replaceState'](
      null,
      '',
      `${window.location.pathname}${window.location.search}${hash || '#/'}`
    )
    known = bare(window.location.hash)
  } catch {
    // A browser that throws past its limit: try again after the next gap.
    pending = setTimeout(flushUrl, WRITE_GAP_MS)
  }
}

function scheduleUrl(): void {
  if (pending !== null) return
  const wait = lastWrite + WRITE_GAP_MS - performance.now()
  if (wait <= 0) flushUrl()
  else pending = setTimeout(flushUrl, wait)
}

/**
 * Open a hash from the address bar and remember it as read. Opening a link, or walking Back and
 * Forward, is not a change to undo or to push again.
 */
function openHash(hash: string): void {
  known = bare(hash)
  silently(() => {
    applyHash(hash)
  })
}

export function startUrlSync(): () => void {
  openHash(window.location.hash)
  // The address bar shows the whole view at once (a bare `#/<race>` becomes its exact link).
  scheduleUrl()
  const onHash = () => {
    const hash = window.location.hash
    if (bare(hash) === known) return
    const link = currentLink()
    if (link && formatLink(link) === hash) {
      known = bare(hash)
      return
    }
    openHash(hash)
  }
  // Leaving the page, or hiding it, writes what is pending: a reload or a copied address bar is exact.
  const onHide = () => {
    if (pending !== null) flushUrl()
  }
  window.addEventListener('hashchange', onHash)
  window.addEventListener('pagehide', onHide)
  document.addEventListener('visibilitychange', onHide)
  const unsubscribe = useView.subscribe(scheduleUrl)
  return () => {
    window.removeEventListener('hashchange', onHash)
    window.removeEventListener('pagehide', onHide)
    document.removeEventListener('visibilitychange', onHide)
    if (pending !== null) clearTimeout(pending)
    pending = null
    unsubscribe()
  }
}
