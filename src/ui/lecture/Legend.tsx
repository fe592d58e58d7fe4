/** What the colours, outlines and hatching mean: one click away, beside the timeline. */
export function Legend() {
  return (
    <details className="legend">
      <summary>Legend</summary>
      <div className="legend-body">
        <ul>
          <li>
            <span className="sw block-done cpu-A" /> a step that has run (each CPU or device has its colour)
          </li>
          <li>
            <span className="sw block-todo cpu-A" /> a step still to come
          </li>
          <li>
            <span className="sw block-impossible" /> a step that cannot run any more (the order became
            impossible)
          </li>
          <li>
            <span className="sw racing cpu-B" /> <span className="sw race-curve" /> the two steps whose order
            makes the race, joined once both have run
          </li>
          <li>
            <span className="sw hatch-spin" /> the thread spins on a lock; <span className="sw hatch-sleep" />{' '}
            it sleeps or waits (the tooltip says on what)
          </li>
          <li>
            <span className="sw cursor-line" /> where the run is now
          </li>
          <li>
            <span className="sw changed-cell">1 → 2</span> what the last step changed, with its old value
          </li>
          <li>
            <span className="sw freed-card" /> freed, or a page table that was unhooked (a walker may still
            hold it)
          </li>
        </ul>
      </div>
    </details>
  )
}
