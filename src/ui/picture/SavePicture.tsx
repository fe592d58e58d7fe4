import { notify } from '../../state/actions'
import type { Session } from '../../state/session'
import { captionOf } from './caption'

/**
 * "Save picture": the timeline and the state picture as it is on screen, with the narration as a
 * caption, as an SVG or PNG file. The exporter is loaded on first use.
 */
export function SavePicture({ session, position }: { session: Session; position: number }) {
  const save = (format: 'svg' | 'png') => {
    const caption = captionOf(session, position)
    const name = `${session.scenario.id}-step-${String(position)}.${format}`
    import('./exportPicture')
      .then((x) => x.saveView(format, { ...caption, name, link: window.location.href }))
      .catch((e: unknown) => {
        notify('error', `The picture could not be saved: ${e instanceof Error ? e.message : String(e)}`)
      })
  }
  return (
    <span className="save-picture" role="group" aria-label="Save picture">
      <span aria-hidden="true">Save picture</span>
      <button
        type="button"
        onClick={() => save('svg')}
        aria-label="Save picture as SVG"
        title="Save the timeline and the picture, with the narration, as SVG"
      >
        SVG
      </button>
      <button
        type="button"
        onClick={() => save('png')}
        aria-label="Save picture as PNG"
        title="Save the timeline and the picture, with the narration, as PNG"
      >
        PNG
      </button>
    </span>
  )
}
