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
 * The hash last written or opened. Another hash in the address bar is a navigation whose
 * hashchange has not been handled yet: a write must not overwrite it with the old view.
 */
let known: string | null = null

/** Write the view's link into the URL now, if it differs. */
export function flushUrl(): void {
  if (pending !== null) clearTimeout(pending)
  pending = null
  lastWrite = performance.now()
  const link = currentLink()
  const hash = link ? formatLink(link) : ''
  const push = takePush()
  if (known !== null && window.location.hash !== known) return
  if (hash === window.location.hash || (hash === '' && window.location.hash === '')) return
  try {
    window.history[push ? 'pushState' : 'replaceState'](
      null,
      '',
      `${window.location.pathname}${window.location.search}${hash || '#/'}`
    )
    known = window.location.hash
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

export function startUrlSync(): () => void {
  // Opening a link, or walking Back and Forward, is not a change to undo or to push again.
  known = window.location.hash
  silently(() => {
    applyHash(window.location.hash)
  })
  // The address bar shows the whole view at once (a bare `#/<race>` becomes its exact link).
  scheduleUrl()
  const onHash = (e: HashChangeEvent) => {
    const hash = new URL(e.newURL).hash
    known = hash
    const link = currentLink()
    if (link && formatLink(link) === hash) return
    silently(() => {
      applyHash(hash)
    })
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
