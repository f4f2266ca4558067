import { z } from "zod";
import type { CostCategory } from "../../../db/schema/funding";
import { parseEuroToCents, parseGermanDate } from "../../utils/format";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS } from "./labels";

/*
 * One receipt row and its schema, shared by the Belege form (validated in the browser too) and the
 * CSV import. Kept apart from the CSV reader and writer, which need Node-only packages.
 */

export interface ReceiptRow {
  receiptNumber: string;
  receiptDate: string;
  payee: string;
  purpose: string;
  costCategory: CostCategory;
  amountCents: number;
  netCents: number | null;
  vatCents: number | null;
  paidOn: string | null;
}

/** A receipt as entered (form or CSV row): the row plus the clerk's "nicht zuwendungsfähig" mark. */
export interface ReceiptEntry extends ReceiptRow {
  /** Set (never blank) when the receipt is kept on record but does not count as eligible. */
  notEligibleReason: string | null;
}

const categoryByLabel = new Map<string, CostCategory>(
  COST_CATEGORY_KEYS.flatMap((k) => [
    [COST_CATEGORY_LABELS[k].toLowerCase(), k],
    [k.toLowerCase(), k],
  ]),
);

/** Missing form fields arrive as undefined, CSV cells as ""; both mean "empty". */
const str = () => z.string().optional().transform((v) => (v ?? "").trim());

const text = (name: string, max: number) =>
  str().pipe(
    z
      .string()
      .min(1, { error: `${name} fehlt.` })
      .max(max, { error: `${name} ist zu lang (höchstens ${max} Zeichen).` }),
  );

const date = (name: string) =>
  str().transform((v, ctx) => {
    const iso = parseGermanDate(v);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: `${name} „${v}“ ist kein gültiges Datum (TT.MM.JJJJ).` });
      return z.NEVER;
    }
    return iso;
  });

const optionalDate = (name: string) =>
  str().transform((v, ctx) => {
    if (v === "") return null;
    const iso = parseGermanDate(v);
    if (!iso) {
      ctx.addIssue({ code: "custom", message: `${name} „${v}“ ist kein gültiges Datum (TT.MM.JJJJ).` });
      return z.NEVER;
    }
    return iso;
  });

const amount = (name: string, optional: boolean) =>
  str().transform((v, ctx) => {
    if (v === "" && optional) return null;
    const cents = parseEuroToCents(v);
    if (cents === null || cents < 0) {
      ctx.addIssue({ code: "custom", message: `${name} „${v}“ ist kein gültiger Betrag (z. B. 1.234,56).` });
      return z.NEVER;
    }
    return cents;
  });

/** One receipt (from a form or a CSV row), with German messages per field. */
export const ReceiptRowSchema = z
  .object({
    receiptNumber: text("Belegnummer", 60),
    receiptDate: date("Belegdatum"),
    payee: text("Zahlungsempfänger", 200),
    purpose: text("Zweck", 500),
    costCategory: str().transform((v, ctx) => {
      const key = categoryByLabel.get(v.toLowerCase());
      if (!key) {
        ctx.addIssue({
          code: "custom",
          message: `Kostenart „${v}“ ist unbekannt (erlaubt: ${COST_CATEGORY_KEYS.map((k) => COST_CATEGORY_LABELS[k]).join(", ")}).`,
        });
        return z.NEVER;
      }
      return key;
    }),
    amountCents: amount("Betrag brutto", false).transform((v) => v ?? 0),
    netCents: amount("Netto", true),
    vatCents: amount("Umsatzsteuer", true),
    paidOn: optionalDate("Bezahlt am"),
    // A form checkbox arrives as true (Conform) or "on"; a CSV row sets it from its reason cell.
    notEligible: z
      .union([z.boolean(), z.string()])
      .optional()
      .transform((v) => v === true || v === "on"),
    notEligibleReason: str().refine((v) => v.length <= 500, { error: "Die Begründung ist zu lang (höchstens 500 Zeichen)." }),
  })
  .superRefine((r, ctx) => {
    if (r.notEligible && !r.notEligibleReason) {
      ctx.addIssue({ code: "custom", path: ["notEligibleReason"], message: "Bitte begründen Sie, warum der Beleg nicht zuwendungsfähig ist." });
    }
    if (r.amountCents === 0) ctx.addIssue({ code: "custom", path: ["amountCents"], message: "Betrag brutto muss größer als 0 sein." });
    if (r.netCents != null && r.vatCents != null && r.netCents + r.vatCents !== r.amountCents) {
      ctx.addIssue({ code: "custom", path: ["amountCents"], message: "Netto und Umsatzsteuer ergeben nicht den Bruttobetrag." });
    }
    if (r.paidOn && r.paidOn < r.receiptDate) {
      ctx.addIssue({ code: "custom", path: ["paidOn"], message: "Bezahlt am liegt vor dem Belegdatum." });
    }
  })
  .transform(({ notEligible, notEligibleReason, ...row }): ReceiptEntry => ({ ...row, notEligibleReason: notEligible ? notEligibleReason : null }));
