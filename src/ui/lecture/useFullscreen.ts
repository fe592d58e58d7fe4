import { useEffect, useRef } from 'react'

import { useView } from '../../state/store'

/**
 * Lecture mode asks for full screen (a browser may refuse: no gesture, no permission). Leaving
 * full screen (Esc, or the browser's own control) leaves lecture mode too.
 */
export function useLectureFullscreen(): void {
  const lecture = useView((s) => s.lecture)
  const ours = useRef(false)
  useEffect(() => {
    if (lecture && !document.fullscreenElement)
      document.documentElement
        .requestFullscreen()
        .then(() => {
          ours.current = true
        })
        .catch(() => undefined)
    if (!lecture && document.fullscreenElement) document.exitFullscreen().catch(() => undefined)
  }, [lecture])
  useEffect(() => {
    const onChange = () => {
      if (document.fullscreenElement || !ours.current) return
      ours.current = false
      if (useView.getState().lecture) useView.setState({ lecture: false })
    }
    document.addEventListener('fullscreenchange', onChange)
    return () => {
      document.removeEventListener('fullscreenchange', onChange)
    }
  }, [])
}
