import { parseScenario, ScenarioError } from '../engine'
import type { Link } from '../share/link'
import { decodeSrc, encodeSrc, SrcError } from '../share/srcCodec'
import { putUserScenario, userScenario } from './userScenarios'

/**
 * A link's own scenario (`src=`): unpacked with a size bound, validated by the same loader as
 * the CLI, and registered as the person's scenario. Returns the problem, in words, if it cannot
 * be used; the link's path must name the scenario's own id.
 */
export function adoptLinkScenario(link: Link): string | null {
  if (link.src === undefined) return null
  let text: string
  try {
    text = decodeSrc(link.src)
  } catch (e) {
    return e instanceof SrcError ? e.message : 'The scenario in the link could not be unpacked.'
  }
  const known = userScenario(link.scenario)
  if (known?.text === text) return null
  try {
    const scenario = parseScenario(text, 'the scenario in the link')
    if (scenario.id !== link.scenario)
      return `The link names "${link.scenario}" but carries a scenario with id "${scenario.id}".`
    putUserScenario({ scenario, text, origin: 'link' })
    return null
  } catch (e) {
    if (e instanceof ScenarioError) return `The scenario in the link is not valid: ${e.path}: ${e.problem}`
    return `The scenario in the link could not be read (${e instanceof Error ? e.message : String(e)}).`
  }
}

let last: { text: string; src: string } | null = null

/** The `src=` part for a scenario the person brought; none for a bundled one. */
export function srcFor(id: string): string | undefined {
  const u = userScenario(id)
  if (!u) return undefined
  if (last?.text !== u.text) last = { text: u.text, src: encodeSrc(u.text) }
  return last.src
}
