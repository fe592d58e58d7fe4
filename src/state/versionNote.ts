import type { ScenarioFile } from '../engine'

/**
 * What an old link is told when its scenario has changed since: the versions, and the scenario's
 * own note for each version after the link's (its `changes`), so the reader knows what moved.
 */
export function versionNote(sc: Pick<ScenarioFile, 'version' | 'changes'>, linkVersion: number): string {
  const base = `it was made for version ${String(linkVersion)} of this scenario, which is now version ${String(sc.version)}`
  const since = sc.changes
    .filter((c) => c.version > linkVersion && c.version <= sc.version)
    .map((c) => `in version ${String(c.version)}: ${c.text.replace(/\.\s*$/, '')}`)
  return since.length > 0 ? `${base} (what changed ${since.join('; ')})` : base
}
