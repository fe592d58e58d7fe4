import { readFileSync } from 'node:fs'

import { beforeEach, describe, expect, it } from 'vitest'

import { findScenario } from '../app/scenarios'
import { importDiagram } from '../import'
import { formatLink, parseLink, type Link } from '../share/link'
import { encodeSrc } from '../share/srcCodec'
import * as act from './actions'
import { initialView, useView } from './store'
import { openUserScenario, updateUserScenario } from './userActions'

const view = () => useView.getState()
const imported = () =>
  importDiagram(readFileSync('scenarios/import-corpus/io-wq-wakeup.txt', 'utf8'), { id: 'io-wq-race' })

beforeEach(() => {
  useView.setState(initialView, true)
})

describe('scenarios a person brings', () => {
  it('are found wherever bundled ones are, and their link carries them (src=)', () => {
    const r = imported()
    openUserScenario(r.scenario, r.json, 'import')
    expect(findScenario('io-wq-race')).toBe(r.scenario)
    expect(view().schedule.join('')).toBe('AAAABBA')
    act.setPosition(3)
    const link = act.currentLink()
    expect(link?.src).toBe(encodeSrc(r.json))
    // A bundled race's link carries no src.
    act.openScenario('gup-fast-vs-thp-collapse')
    expect(act.currentLink()?.src).toBeUndefined()
    // The link alone reopens the race at the same step.
    const parsed = parseLink(formatLink(link as Link))
    if (!parsed?.ok) throw new Error('link did not parse')
    act.openLink(parsed.link)
    expect(view().scenarioId).toBe('io-wq-race')
    expect(view().position).toBe(3)
  })

  it('an edit that stays valid updates the session at once, keeping the interleaving', () => {
    const r = imported()
    openUserScenario(r.scenario, r.json, 'import')
    act.moveStep(4, 3)
    const order = view().schedule.join('')
    const edited = JSON.parse(r.json) as { title: string }
    edited.title = 'io-wq: wakeup race'
    const text = JSON.stringify(edited)
    updateUserScenario({ ...r.scenario, title: edited.title }, text)
    expect(act.session()?.scenario.title).toBe('io-wq: wakeup race')
    expect(view().schedule.join('')).toBe(order)
  })

  it('a link whose scenario is invalid, or names another id, opens the list with the reason', () => {
    const r = imported()
    const bad = (src: string, scenario = 'io-wq-race') => {
      act.goHome()
      act.openLink({ scenario, with: [], schedule: '', at: null, version: null, src })
      return view().notices.at(-1)?.text ?? ''
    }
    expect(bad(encodeSrc(r.json), 'other-id')).toMatch(
      /names "other-id" but carries a scenario with id "io-wq-race"/
    )
    expect(bad(encodeSrc('{"id":"io-wq-race"}'))).toMatch(/not valid: title: /)
    expect(bad(encodeSrc('{"id":"io-wq-race","__proto__":{}}'))).toMatch(/not valid: __proto__: the key/)
    expect(view().scenarioId).toBeNull()
  })
})
