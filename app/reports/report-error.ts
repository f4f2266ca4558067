/**
 * A report that cannot be made from the data (e.g. a Verwendungsnachweis for an application not
 * granted). The message is German, for users and the CLI; `status` is the HTTP status to answer.
 */
export class ReportError extends Error {
  constructor(
    message: string,
    readonly status = 422,
  ) {
    super(message);
    this.name = "ReportError";
  }
}
