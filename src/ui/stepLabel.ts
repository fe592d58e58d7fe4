import type { StepSpec } from '../engine'

/**
 * A step's short label: the function it models, or, for a step that names none (an imported
 * storyboard step: `(no function named)`), its title.
 */
export function stepLabel(spec: Pick<StepSpec, 'fn' | 'title'>): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(spec.fn) ? spec.fn : spec.title
}
