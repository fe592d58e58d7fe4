import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from '@dnd-kit/core'
import {
  horizontalListSortingStrategy,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
} from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import { memo, useMemo } from 'react'

import { stepOf } from '../engine'
import { moveStep, select } from '../state/actions'
import type { Session } from '../state/session'
import { useView } from '../state/store'

const idOf = (i: number) => `step-${String(i)}`
const indexOf = (id: string | number) => Number(String(id).slice(5))

/** One step of the strip; memoized, since reordering changes only a few chips. */
const Chip = memo(function Chip({
  i,
  letter,
  label,
  title,
  state,
  selected,
}: {
  i: number
  letter: string
  label: string
  title: string
  state: string
  selected: boolean
}) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: idOf(i),
  })
  // Each chip watches only whether it has run: a step re-renders one chip, not the strip.
  const done = useView((s) => s.position > i)
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`chip cpu-${letter} ${state}${done ? ' done' : ''}${selected ? ' selected' : ''}${isDragging ? ' dragging' : ''}`}
      data-keys="own"
      data-index={i}
      {...attributes}
      {...listeners}
      aria-label={`${String(i + 1)} ${letter} ${label}: step ${String(i + 1)}, ${title}`}
      aria-roledescription="reorderable step"
      onFocus={() => {
        select(i)
      }}
    >
      <span className="n">{i + 1}</span> <span className={`cpu cpu-${letter}`}>{letter}</span>{' '}
      <span className="sid">{label}</span>
    </li>
  )
})

/**
 * The interleaving as a list of steps that can be reordered: drag with a pointer, or focus a
 * step and press Space, the arrow keys, Space (or Alt+←/→). A thread's own steps keep their
 * order; any other order is replayed and completed, and the page says what changed.
 */
export const Interleaving = memo(function Interleaving({
  session,
  schedule,
}: {
  session: Session
  schedule: readonly string[]
}) {
  const selected = useView((s) => s.selected)
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates })
  )
  const items = useMemo(() => schedule.map((_, i) => idOf(i)), [schedule])
  const label = (i: number) => session.replay.records[i]?.stepId ?? '?'
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up step ${String(indexOf(active.id) + 1)}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `Step ${String(indexOf(active.id) + 1)} is over position ${String(indexOf(over.id) + 1)}.`
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `Step ${String(indexOf(active.id) + 1)} dropped at position ${String(indexOf(over.id) + 1)}.`
        : 'Dropped.',
    onDragCancel: () => 'Move cancelled.',
  }
  const onDragEnd = (e: DragEndEvent) => {
    if (!e.over) return
    moveStep(indexOf(e.active.id), indexOf(e.over.id))
  }
  return (
    <section className="interleaving" aria-label="Interleaving (reorderable)">
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragEnd={onDragEnd}
        accessibility={{ announcements }}
      >
        <SortableContext items={items} strategy={horizontalListSortingStrategy}>
          {/* Not a list: each step is a reorderable button (dnd-kit gives it that role). */}
          <div className="chips" role="group" aria-label="Steps, in order">
            {schedule.map((letter, i) => {
              const step = stepOf(session.program, letter, label(i))
              return (
                <Chip
                  key={idOf(i)}
                  i={i}
                  letter={letter}
                  label={label(i)}
                  title={step ? `${step.spec.fn}: ${step.spec.title}` : 'cannot run here'}
                  state={i < session.executed ? '' : 'impossible'}
                  selected={selected === i}
                />
              )
            })}
          </div>
        </SortableContext>
      </DndContext>
    </section>
  )
})
