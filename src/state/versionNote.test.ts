import { describe, expect, it } from 'vitest'

import { findScenario } from '../app/scenarios'
import { parseLink } from '../share/link'
import * as act from './actions'
import { useView } from './store'
import { versionNote } from './versionNote'

describe('an old link says what changed in its scenario since', () => {
  const sc = {
    version: 3,
    changes: [
      { version: 2, text: 'The lock became unfair.' },
      { version: 3, text: 'A new switch.' },
    ],
  }

  it('lists the notes of every version after the link, and only those', () => {
    expect(versionNote(sc, 1)).toBe(
      'it was made for version 1 of this scenario, which is now version 3 (what changed in version 2: The lock became unfair; in version 3: A new switch)'
    )
    expect(versionNote(sc, 2)).toMatch(/now version 3 \(what changed in version 3: A new switch\)$/)
  })

  it('says only the versions when the scenario has no note', () => {
    expect(versionNote({ version: 2, changes: [] }, 1)).toBe(
      'it was made for version 1 of this scenario, which is now version 2'
    )
  })

  it('opening a version-1 link of the migration race shows its version-2 note', () => {
    const mig = findScenario('migration-vs-shmem-fault')
    expect(mig?.version).toBe(2)
    const r = parseLink('#/migration-vs-shmem-fault?s=A10B3&v=1')
    if (!r?.ok) throw new Error('link')
    act.openLink(r.link)
    const text = useView.getState().notices.at(-1)?.text ?? ''
    expect(text).toMatch(
      /version 1 of this scenario, which is now version 2 \(what changed in version 2: .*unfair lock/
    )
  })
})
