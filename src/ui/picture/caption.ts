import { stepOf } from '../../engine'
import type { Session } from '../../state/session'

/** The narration of the view as caption lines: the race, the step just taken and why it matters. */
export function captionOf(session: Session, position: number): { title: string; lines: string[] } {
  const { replay, program, scenario } = session
  const rec = replay.records[position - 1]
  const step = rec ? stepOf(program, rec.thread, rec.stepId) : undefined
  const title = `${scenario.title} (Linux ${scenario.kernel})`
  if (!rec || !step)
    return { title, lines: [`Before the first step of ${String(session.executed)}.`, scenario.summary] }
  const confidence = step.spec.confidence === 'verified' ? '' : ` [${step.spec.confidence}]`
  return {
    title,
    lines: [
      `Step ${String(position)} of ${String(session.executed)}: ${rec.thread} ${step.spec.fn} (${step.spec.file}, ${step.spec.kernel ?? scenario.kernel}): ${step.spec.title}${confidence}`,
      step.spec.explain,
    ],
  }
}
