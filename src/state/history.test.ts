import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import * as act from './actions'
import {
  backToReported,
  clearHistory,
  isReported,
  redo,
  startHistory,
  takePush,
  undo,
  useHistory,
} from './history'
import { initialView, useView } from './store'

const GUP = 'gup-fast-vs-thp-collapse'
const view = () => useView.getState()
const text = () => view().schedule.join('')
let stop: () => void = () => undefined

beforeEach(() => {
  useView.setState(initialView, true)
  clearHistory()
  stop = startHistory()
})
afterEach(() => {
  stop()
})

describe('undo and redo of the interleaving', () => {
  it('a reorder and a toggle are undone and redone in order; stepping is not a change', () => {
    act.openScenario(GUP)
    const reported = text()
    takePush()
    act.setPosition(5)
    // Opening a race from the list is a new browser history entry, but there is nothing to undo.
    expect(useHistory.getState().past).toHaveLength(0)
    expect(takePush()).toBe(false)
    expect(act.moveStep(3, 2)).toBe(true)
    expect(takePush()).toBe(true)
    const afterMove = text()
    act.toggle('gup-pmd-recheck')
    expect(useHistory.getState().past).toHaveLength(2)
    expect(undo()).toBe(true) // the toggle
    expect(view().toggles).toEqual([])
    expect(text()).toBe(afterMove)
    expect(undo()).toBe(true) // the move
    expect(text()).toBe(reported)
    expect(view().position).toBe(5)
    expect(undo()).toBe(false)
    expect(redo()).toBe(true)
    expect(redo()).toBe(true)
    expect(text()).toBe(afterMove)
    expect(view().toggles).toEqual(['gup-pmd-recheck'])
    expect(redo()).toBe(false)
    // A new change after an undo drops what could have been redone.
    undo()
    act.runThread('B')
    expect(useHistory.getState().future).toHaveLength(0)
  })

  it('back to the reported interleaving is one undoable change', () => {
    act.openScenario(GUP)
    act.runThread('A')
    act.toggle('gup-pmd-recheck')
    expect(isReported(view())).toBe(false)
    backToReported()
    expect(isReported(view())).toBe(true)
    undo()
    expect(text()).toBe('A')
    expect(view().toggles).toEqual(['gup-pmd-recheck'])
  })
})
