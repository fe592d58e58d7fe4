import { useEffect, useState } from 'react'

const KEY = 'interleave.tour'

interface Callout {
  readonly target: string
  readonly title: string
  readonly text: string
}

const CALLOUTS: readonly Callout[] = [
  {
    target: '.timeline',
    title: 'The lanes',
    text: 'One lane per CPU or device running kernel code, one block per step, named by its kernel function. Solid blocks have run; outlined ones are still to come.',
  },
  {
    target: '.state-view',
    title: 'The state',
    text: 'Page tables, folios and locks after the current step. Whatever the step just changed is highlighted, with its old value.',
  },
  {
    target: '.narration',
    title: 'The narration',
    text: 'The step just taken, in plain words, with a link to its kernel source; below it, what each thread does next.',
  },
  {
    target: '.controls',
    title: 'The step keys',
    text: '→ and ← (or PageDown and PageUp) step; a thread’s letter runs it next; Ctrl+Z undoes a change; L is lecture mode; ? lists every key.',
  },
]

function seen(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'done'
  } catch {
    return true
  }
}

/**
 * A first visit's guided run: four short callouts, one at a time, each outlining the part of the
 * page it explains. It sits in the page's flow (covering nothing), and Skip ends it for good.
 */
export function Tour() {
  const [step, setStep] = useState<number | null>(() => (seen() ? null : 0))
  const callout = step === null ? undefined : CALLOUTS[step]
  useEffect(() => {
    if (!callout) return
    const el = document.querySelector(callout.target)
    el?.classList.add('tour-target')
    return () => {
      el?.classList.remove('tour-target')
    }
  }, [callout])
  if (step === null || !callout) return null
  const end = () => {
    try {
      window.localStorage.setItem(KEY, 'done')
    } catch {
      // Private mode without storage: the tour simply shows again next time.
    }
    setStep(null)
  }
  const last = step === CALLOUTS.length - 1
  return (
    <aside className="tour" aria-label="First-visit tour">
      <p>
        <strong>
          {step + 1}/{CALLOUTS.length} · {callout.title}:
        </strong>{' '}
        {callout.text}
      </p>
      <span className="tour-buttons">
        <button
          type="button"
          className="primary"
          onClick={() => {
            if (last) end()
            else setStep(step + 1)
          }}
        >
          {last ? 'Done' : 'Next'}
        </button>
        {!last && (
          <button type="button" onClick={end}>
            Skip the tour
          </button>
        )}
      </span>
    </aside>
  )
}
