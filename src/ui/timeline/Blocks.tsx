import { memo, useCallback } from 'react'

import { setPosition } from '../../state/actions'
import { useView } from '../../state/store'
import { col, row, type Block } from './data'

interface Props {
  readonly blocks: readonly Block[]
  readonly racing: ReadonlySet<number>
  /** The block that takes the Tab stop after the keyboard moved it (roving tabindex), or null. */
  readonly rove: number | null
  readonly onRove: (i: number) => void
}

/**
 * The step blocks, as buttons in the timeline's grid: each column is as wide as its block's
 * text, so no label is cut. One block is in the Tab order (the current step's, or the one the
 * arrows last moved to); ←/→, Home and End move between blocks, Enter or Space jumps there.
 * Stepping does not re-render them: each block watches only whether it has run.
 */
export const Blocks = memo(function Blocks({ blocks, racing, rove, onRove }: Props) {
  const onKeyDown = useCallback(
    (e: React.KeyboardEvent<HTMLElement>) => {
      const target = e.target as HTMLElement
      const i = Number(target.dataset.i)
      if (Number.isNaN(i) || e.altKey || e.ctrlKey || e.metaKey) return
      const to =
        e.key === 'ArrowRight'
          ? i + 1
          : e.key === 'ArrowLeft'
            ? i - 1
            : e.key === 'Home'
              ? 0
              : e.key === 'End'
                ? blocks.length - 1
                : null
      if (to === null) return
      // These keys belong to the focused block: the page's own stepping does not see them.
      e.preventDefault()
      e.stopPropagation()
      const next = Math.max(0, Math.min(blocks.length - 1, to))
      onRove(next)
      const el = target.parentElement?.querySelector<HTMLElement>(`[data-i="${String(next)}"]`)
      el?.focus()
    },
    [blocks.length, onRove]
  )
  return (
    <>
      {blocks.map((b) => (
        <BlockButton key={b.i} b={b} racing={racing.has(b.i)} rove={rove} onKeyDown={onKeyDown} />
      ))}
    </>
  )
})

const BlockButton = memo(function BlockButton({
  b,
  racing,
  rove,
  onKeyDown,
}: {
  b: Block
  racing: boolean
  rove: number | null
  onKeyDown: (e: React.KeyboardEvent<HTMLElement>) => void
}) {
  const done = useView((s) => s.position > b.i)
  const current = useView((s) => Math.max(0, s.position - 1) === b.i)
  const tabStop = rove === null ? current : rove === b.i
  // The accessible name starts with the visible text, as it reads.
  const label = `${b.stepId}${b.waits ? ' · waits' : ''} ${b.fn}`
  return (
    <button
      type="button"
      className={`block ${b.status} cpu-${b.thread}${b.waits ? ' waits' : ''}${done ? ' done' : ''}${racing ? ' racing' : ''}${current ? ' current' : ''}`}
      style={{ gridColumn: col(b.i), gridRow: row(b.lane) }}
      data-i={b.i}
      tabIndex={tabStop ? 0 : -1}
      onClick={() => {
        setPosition(b.i + 1)
      }}
      onKeyDown={onKeyDown}
      aria-label={`Step ${String(b.i + 1)}: ${label}, ${b.thread}: ${b.title}${done ? '' : ' (still to come)'}`}
      title={`${String(b.i + 1)}. ${b.thread} ${label}: ${b.title}`}
    >
      <span className="block-id">
        {b.stepId}
        {b.waits ? ' · waits' : ''}
      </span>{' '}
      <span className="block-fn">{b.fn}</span>
    </button>
  )
})
