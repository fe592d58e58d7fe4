/** Transport icons as inline SVG: font glyphs for ⏮/⏭ are missing on many machines. */
const PATHS: Record<string, string> = {
  start: 'M5 4h2v16H5zM20 4v16L9 12z',
  back: 'M18 4v16L7 12z',
  play: 'M7 4v16l12-8z',
  pause: 'M6 4h4v16H6zM14 4h4v16h-4z',
  forward: 'M6 4v16l11-8zM17 4h2v16h-2z',
  end: 'M4 4v16l11-8zM17 4h2v16h-2z',
}

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="currentColor" />
    </svg>
  )
}
