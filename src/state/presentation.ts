import { create } from 'zustand'

/**
 * How the page presents the race, for a lecture: nothing here changes the interleaving or the
 * link. Kept apart from the view store so the link, undo and the engine never see it.
 */
export interface Presentation {
  /** `.`: the screen is blank (a lecturer's pause); any key brings it back. */
  readonly blank: boolean
  /** The timeline's zoom: every block at its readable size, following the current step, or the whole run fitted. */
  readonly zoom: 'follow' | 'fit'
  /** Lecture mode: every state object shown, instead of those the step and the race touch. */
  readonly allState: boolean
}

export const usePresentation = create<Presentation>()(() => ({
  blank: false,
  zoom: 'follow',
  allState: false,
}))

const set = usePresentation.setState

export const toggleBlank = () => set((p) => ({ blank: !p.blank }))
export const unblank = () => set({ blank: false })
export const setZoom = (zoom: Presentation['zoom']) => set({ zoom })
export const toggleZoom = () => set((p) => ({ zoom: p.zoom === 'fit' ? 'follow' : 'fit' }))
export const toggleAllState = () => set((p) => ({ allState: !p.allState }))
