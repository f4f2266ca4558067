import { type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { useActionData } from "@remix-run/react";
import type { ZodType, z } from "zod";

/** What the application page's action answers: the intent, Conform's reply, a message, warnings. */
export type IntentActionData = { intent: string; result: SubmissionResult<string[]>; message: string | null; warnings: string[] } | undefined;

/**
 * One Conform form per intent; a form repeated per table row passes `row` (the hidden field that
 * identifies it) so each row gets its own form id and only the submitted row shows the result.
 */
export function useIntentForm<S extends ZodType<unknown, Record<string, unknown>>>(
  intent: string,
  schema: S,
  defaultValue?: Record<string, string>,
  row?: { name: string; value: string },
) {
  const actionData = useActionData() as IntentActionData;
  const submittedRow = row ? String((actionData?.result.initialValue as Record<string, unknown> | null | undefined)?.[row.name] ?? "") : null;
  return useForm<z.input<S>>({
    id: row ? `form-${intent}-${row.value}` : `form-${intent}`,
    lastResult: actionData?.intent === intent && (!row || submittedRow === row.value) ? actionData.result : undefined,
    defaultValue: defaultValue as never,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  });
}

/** The success message of one intent, announced to screen readers. */
export function Success({ intent }: { intent: string }) {
  const actionData = useActionData() as IntentActionData;
  if (actionData?.intent !== intent || !actionData.message) return null;
  return (
    <p className="alert-success" role="status">
      {actionData.message}
    </p>
  );
}
