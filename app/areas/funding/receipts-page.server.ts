import type { AppContext } from "../../utils/context.server";
import { getDb } from "../../utils/db.server";
import { assertCan } from "../../utils/permissions";
import { applicationState } from "./applications.server";
import { RECEIPTS_LOCKED_MESSAGE, receiptsLocked } from "./locks.server";
import { importReceipts } from "./money.server";
import { GRANTED_STATES } from "./states";

/** The largest receipt list (CSV) the Belegliste takes. */
export const RECEIPT_IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Who may record and correct receipts on the Belegliste: someone with the right on a granted,
 * not yet closed application whose receipts are not locked (a Verwendungsnachweis in progress).
 * A locked application says why.
 */
export function receiptRights(ctx: AppContext, applicationId: number): { canRecord: boolean; canCorrect: boolean; lockedMessage: string | null } {
  const state = applicationState(getDb(), ctx, applicationId);
  const open = ctx.can("funding.recordExpenditure") && GRANTED_STATES.includes(state) && state !== "closed";
  const locked = receiptsLocked(getDb(), ctx, applicationId);
  return { canRecord: open && !locked, canCorrect: open && !locked, lockedMessage: open && locked ? RECEIPTS_LOCKED_MESSAGE : null };
}

/**
 * Imports an uploaded receipt list. A missing, empty or too large file and the errors in the rows
 * come back as `errors` (nothing is imported then), for the page to list them all.
 */
export async function importReceiptsFile(ctx: AppContext, applicationId: number, file: FormDataEntryValue | null): Promise<{ imported: number } | { errors: string[] }> {
  assertCan(ctx, "funding.recordExpenditure");
  if (!(file instanceof File) || file.size === 0) return { errors: ["Bitte wählen Sie eine CSV-Datei aus."] };
  if (file.size > RECEIPT_IMPORT_MAX_BYTES) return { errors: ["Die Datei ist größer als 10 MB."] };
  return importReceipts(ctx, applicationId, await file.text());
}
