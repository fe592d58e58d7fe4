const ITEMS: readonly { kind: string; text: string }[] = [
  { kind: 'table', text: 'PMD → PTE table, or a saved pointer to one' },
  { kind: 'map', text: 'present PTE → its folio' },
  { kind: 'migration', text: 'migration entry' },
  { kind: 'device', text: 'device-private entry' },
  { kind: 'cache', text: 'page cache slot' },
  { kind: 'tlb', text: 'TLB / IOTLB entry' },
  { kind: 'pin', text: 'page GUP returned' },
  { kind: 'ghost', text: 'removed by this step' },
]

/** What the arrows' colours and dashes mean, in words. */
export function PictureLegend() {
  return (
    <ul className="picture-legend" aria-label="Picture legend">
      {ITEMS.map((i) => (
        <li key={i.kind}>
          <svg width="28" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="27" y2="5" className={`pedge pe-${i.kind}`} />
          </svg>{' '}
          {i.text}
        </li>
      ))}
      <li>
        <span className="legend-box is-gone" aria-hidden="true" /> dashed red box: freed
      </li>
      <li>
        <span className="legend-box is-loose" aria-hidden="true" /> dashed amber: detached table, orphaned
        page
      </li>
    </ul>
  )
}
