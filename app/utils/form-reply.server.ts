import type { SubmissionResult } from "@conform-to/react";
import { json } from "@remix-run/node";
import { ConflictError, ValidationError } from "./errors";

interface Replyable {
  reply(options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]>; hideFields?: string[] }): SubmissionResult<string[]>;
}

/**
 * Turns a use case's German error into the form's reply: a ValidationError goes to its fields
 * (key "form" to the form as a whole) with 400, a ConflictError to the form with 409. Anything
 * else is a bug and is rethrown to the error boundary.
 */
export function replyWithError(submission: Replyable, error: unknown, hideFields?: string[]) {
  if (error instanceof ValidationError) {
    const { form, ...fieldErrors } = error.fieldErrors;
    return json(submission.reply({ formErrors: form, fieldErrors, hideFields }), { status: 400 });
  }
  if (error instanceof ConflictError) {
    return json(submission.reply({ formErrors: [error.message], hideFields }), { status: 409 });
  }
  throw error;
}
