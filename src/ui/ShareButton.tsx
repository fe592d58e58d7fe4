import { useState } from 'react'

import { flushUrl } from '../state/urlSync'

/** Copies the current link: the URL reflects the view (a write still pending is made first). */
export function ShareButton() {
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    flushUrl()
    const url = window.location.href
    try {
      await navigator.clipboard.writeText(url)
    } catch {
      // No clipboard permission (some embedded or insecure contexts): show the link to copy by hand.
      window.prompt('Copy this link:', url)
    }
    setCopied(true)
    window.setTimeout(() => {
      setCopied(false)
    }, 2000)
  }
  return (
    <button
      type="button"
      className="share"
      onClick={() => void copy()}
      // The name starts with what the button says (WCAG 2.5.3), then what it does.
      aria-label={copied ? 'Link copied' : 'Copy link: copy a link to exactly this view'}
    >
      {copied ? 'Link copied' : 'Copy link'}
    </button>
  )
}
