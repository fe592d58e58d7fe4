import { create } from 'zustand'

export interface Notice {
  readonly id: number
  readonly kind: 'error' | 'info'
  readonly text: string
}

export interface ViewState {
  readonly scenarioId: string | null
  /** Toggle requests as in the link (`id`, or `-id` for a default-on toggle switched off). */
  readonly toggles: readonly string[]
  readonly schedule: readonly string[]
  /** How many steps of the schedule are executed in the view. */
  readonly position: number
  /** The toggles before the last toggle change, to show where the interleaving diverges. */
  readonly compareTo: readonly string[] | null
  /** The run before the last reorder, to show what the move changed (null: no reorder to show). */
  readonly compareSchedule: readonly string[] | null
  /**
   * The diff view's second interleaving (link `vs=` / `vswith=`), or null when it is closed. A
   * null part is the same as the first run's.
   */
  readonly vs: {
    readonly schedule: readonly string[] | null
    readonly toggles: readonly string[] | null
  } | null
  readonly playing: boolean
  /** Steps per second while playing. */
  readonly speed: number
  readonly lecture: boolean
  /** Opened as `view=embed` (an iframe): the link keeps saying so. */
  readonly embed: boolean
  /** The step selected in the interleaving strip (keyboard reordering). */
  readonly selected: number | null
  readonly help: boolean
  readonly notices: readonly Notice[]
}

export const initialView: ViewState = {
  scenarioId: null,
  toggles: [],
  schedule: [],
  position: 0,
  compareTo: null,
  compareSchedule: null,
  vs: null,
  playing: false,
  speed: 2,
  lecture: false,
  embed: false,
  selected: null,
  help: false,
  notices: [],
}

export const useView = create<ViewState>()(() => initialView)
