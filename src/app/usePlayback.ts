import { useEffect } from 'react'

import { session, setPlaying, stepForward } from '../state/actions'
import { useView } from '../state/store'

/** While playing, advance one step every 1/speed seconds; stop at the end. */
export function usePlayback(): void {
  const playing = useView((s) => s.playing)
  const speed = useView((s) => s.speed)
  useEffect(() => {
    if (!playing) return
    const id = window.setInterval(() => {
      const s = session()
      if (!s || useView.getState().position >= s.executed) setPlaying(false)
      else stepForward()
    }, 1000 / speed)
    return () => {
      window.clearInterval(id)
    }
  }, [playing, speed])
}
