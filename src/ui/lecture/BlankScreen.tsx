import { unblank, usePresentation } from '../../state/presentation'

/** `.` blanks the screen, as a presentation remote does; a click or any key brings it back. */
export function BlankScreen() {
  const blank = usePresentation((p) => p.blank)
  if (!blank) return null
  return (
    <div className="blank-screen" onClick={unblank} role="presentation">
      <span className="sr-only">The screen is blank; press any key to bring it back.</span>
    </div>
  )
}
