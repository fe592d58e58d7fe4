import { formatLink, parseLink } from '../share/link'
import { currentLink, goHome, notify, openLink } from './actions'
import { useView } from './store'

/**
 * Keeps the URL hash and the store in step: the hash is read once at start and on every
 * hashchange (back, forward, a pasted link); the store writes it back with replaceState, so
 * stepping does not flood the history.
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
}

export function startUrlSync(): () => void {
  applyHash(window.location.hash)
  const onHash = () => {
    const link = currentLink()
    if (link && formatLink(link) === window.location.hash) return
    applyHash(window.location.hash)
  }
  window.addEventListener('hashchange', onHash)
  const unsubscribe = useView.subscribe(() => {
    const link = currentLink()
    const hash = link ? formatLink(link) : ''
    if (hash !== window.location.hash && !(hash === '' && window.location.hash === '')) {
      const url = `${window.location.pathname}${window.location.search}${hash || '#/'}`
      window.history.replaceState(null, '', url)
    }
  })
  return () => {
    window.removeEventListener('hashchange', onHash)
    unsubscribe()
  }
}
