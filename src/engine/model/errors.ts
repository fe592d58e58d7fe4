/**
 * A step asked the model for something impossible (releasing a lock it does not hold, reading a
 * folio that does not exist). It is a bug in the scenario, reported with the step that did it.
 */
export class ModelError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ModelError'
  }
}
