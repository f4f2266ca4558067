/** Thrown by use cases when the record changed since the user loaded it (optimistic concurrency). */
export class ConflictError extends Error {
  constructor(
    message = "Dieser Datensatz wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu und prüfen Sie die Änderungen, bevor Sie erneut speichern.",
  ) {
    super(message);
    this.name = "ConflictError";
  }
}

/** Thrown by use cases for input that is well-formed but violates a rule; messages are German. */
export class ValidationError extends Error {
  constructor(
    readonly fieldErrors: Record<string, string[]>,
    message = "Bitte korrigieren Sie die markierten Felder.",
  ) {
    super(message);
    this.name = "ValidationError";
  }
}
