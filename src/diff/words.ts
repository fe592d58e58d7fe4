import { stepOf, type Program, type StepRecord } from '../engine'

/**
 * Steps in kernel words, for people: the thread's letter, its function and what the step does
 * (`B try_grab_folio(): pin P0 (refcount += 1024)`), never the scenario's internal step id.
 */
export function stepWords(p: Program, r: Pick<StepRecord, 'thread' | 'stepId' | 'kind'>): string {
  const step = stepOf(p, r.thread, r.stepId)
  if (!step) return `${r.thread} ${r.stepId}`
  return `${r.thread} ${step.spec.fn}(): ${step.spec.title}${r.kind === 'wait' ? ' (waits)' : ''}`
}

/** A thread's short name from its scenario name (`A — khugepaged: collapse_huge_page` → `khugepaged`). */
export function shortName(p: Program, letter: string): string {
  const name = p.threads.find((t) => t.letter === letter)?.name ?? letter
  const afterDash = name.includes('—') ? (name.split('—')[1] ?? name) : name
  const head = afterDash.split(':')[0]?.trim() ?? ''
  return head === '' ? letter : head
}
