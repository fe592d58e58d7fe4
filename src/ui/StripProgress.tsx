/**
 * Which steps of the interleaving strip are done: a one-rule stylesheet (nth-child ranges), so
 * stepping restyles the strip without re-rendering its draggable steps.
 */
export function StripProgress({ position }: { position: number }) {
  const css =
    position > 0
      ? `.chips > li:nth-child(-n+${String(position)}) { background: var(--c); color: #10141c; }
         .chips > li:nth-child(-n+${String(position)}) .n { color: #10141c; }
         .chips > li:nth-child(n+${String(position + 1)}):not(.impossible) { border-style: dashed; }`
      : '.chips > li:not(.impossible) { border-style: dashed; }'
  return <style>{css}</style>
}
