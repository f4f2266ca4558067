import type { SubmissionResult } from "@conform-to/react";

/** Every message of a reply in one list: for pages that show one list of errors above all their forms. */
export function replyErrors(result: SubmissionResult<string[]> | null | undefined): string[] | undefined {
  return result?.error ? Object.values(result.error).flatMap((messages) => messages ?? []) : undefined;
}
