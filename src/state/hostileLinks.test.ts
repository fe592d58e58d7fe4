import { beforeEach, describe, expect, it } from 'vitest'

import { parseLink } from '../share/link'
import * as act from './actions'
import { initialView, useView } from './store'

/** Opening hostile links (issue 11): nothing is switched off or dropped without saying so. */
const view = () => useView.getState()

function open(hash: string): void {
  const r = parseLink(hash)
  if (!r?.ok) throw new Error(`not a link: ${hash}`)
  act.openLink(r.link)
}

beforeEach(() => {
  useView.setState(initialView, true)
})

describe('opening a hostile link', () => {
  it('says which conflicting toggles were switched off, and the notice survives entering the view', () => {
    open('#/retract-pt-vs-uffd-copy?with=mmap-write-trylock,mmap-read-lock')
    expect(view().toggles).toEqual([])
    expect(view().scenarioId).toBe('retract-pt-vs-uffd-copy')
    const texts = view().notices.map((n) => n.text)
    expect(texts).toContainEqual(
      expect.stringMatching(
        /^The link's toggles cannot be combined \(.*cannot be combined\), so mmap-write-trylock, mmap-read-lock were switched off\.$/
      )
    )
  })

  it('keeps only the steps of a long impossible schedule that ran, and says how many were skipped', () => {
    open('#/gup-fast-vs-thp-collapse?s=D5000')
    // D runs once, then sleeps: the other 4,999 slots change nothing and are not kept; the run
    // is completed by the page's policy.
    expect(view().schedule).toEqual(['D'])
    expect(act.session()?.replay.requested).toBe(1)
    expect(view().notices.at(-1)?.text).toMatch(
      /4999 of its 5000 steps could not run and were skipped \(first: step 2: D is sleeping in wait_for_completion\(dma_done\)\)\.$/
    )
    // A schedule naming a thread the race does not have keeps nothing of it.
    open('#/gup-fast-vs-thp-collapse?s=Z5000')
    expect(view().schedule).toEqual([])
  })

  it('lists at most five unknown toggles, then how many more', () => {
    const list = Array.from({ length: 8000 }, (_, i) => `gone-fix-${String(i)}`).join(',')
    open(`#/gup-fast-vs-thp-collapse?with=${list}`)
    const text = view().notices.at(-1)?.text ?? ''
    expect(text).toContain(
      'gone-fix-0, gone-fix-1, gone-fix-2, gone-fix-3, gone-fix-4 and 7995 more no longer exist'
    )
    expect(text.length).toBeLessThan(400)
  })
})
