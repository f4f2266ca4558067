import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { CostCategory } from "../../../db/schema/funding";
import { csvCents, toCsv } from "../../utils/csv";
import { formatDate, parseEuroToCents, parseGermanDate } from "../../utils/format";
import { COST_CATEGORY_KEYS, COST_CATEGORY_LABELS } from "./labels";
import { cleanText } from "../../utils/text";

/** Belegliste as CSV: semicolon, UTF-8 with BOM, German dates and amounts (opens in Excel as is). */
export const RECEIPT_COLUMNS = [
  "Belegnummer",
  "Belegdatum",
  "Zahlungsempfänger",
  "Zweck",
  "Kostenart",
  "Betrag brutto",
  "Netto",
  "Umsatzsteuer",
  "Bezahlt am",
] as const;

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

export function receiptsToCsv(rows: readonly ReceiptRow[]): string {
  return toCsv(
    RECEIPT_COLUMNS,
    rows.map((r) => [
      r.receiptNumber,
      formatDate(r.receiptDate),
      r.payee,
      r.purpose,
      COST_CATEGORY_LABELS[r.costCategory],
      csvCents(r.amountCents),
      csvCents(r.netCents),
      csvCents(r.vatCents),
      r.paidOn ? formatDate(r.paidOn) : "",
    ]),
  );
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
  })
  .superRefine((r, ctx) => {
    if (r.amountCents === 0) ctx.addIssue({ code: "custom", path: ["amountCents"], message: "Betrag brutto muss größer als 0 sein." });
    if (r.netCents != null && r.vatCents != null && r.netCents + r.vatCents !== r.amountCents) {
      ctx.addIssue({ code: "custom", path: ["amountCents"], message: "Netto und Umsatzsteuer ergeben nicht den Bruttobetrag." });
    }
    if (r.paidOn && r.paidOn < r.receiptDate) {
      ctx.addIssue({ code: "custom", path: ["paidOn"], message: "Bezahlt am liegt vor dem Belegdatum." });
    }
  });

export type ParsedReceipts = { ok: true; rows: ReceiptRow[] } | { ok: false; errors: string[] };

/**
 * Parses and validates a whole Belegliste. Returns every row error in German (line numbers as in
 * the file, header = line 1), so nothing is imported until the file is clean.
 */
export function parseReceiptsCsv(content: string, existingReceiptNumbers: ReadonlySet<string> = new Set()): ParsedReceipts {
  let records: string[][];
  try {
    records = parse(cleanText(content.replace(/^\uFEFF/, "")), { delimiter: ";", relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return { ok: false, errors: [`Die Datei ist keine gültige CSV-Datei (${(error as Error).message}).`] };
  }
  if (records.length === 0) return { ok: false, errors: ["Die Datei ist leer."] };
  const header = records[0].map((h) => h.trim());
  const missing = RECEIPT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return { ok: false, errors: [`Zeile 1: Es fehlen die Spalten ${missing.map((m) => `„${m}“`).join(", ")}. Erwartet: ${RECEIPT_COLUMNS.join(";")}.`] };
  }
  if (records.length === 1) return { ok: false, errors: ["Die Datei enthält keine Belege."] };
  const errors: string[] = [];
  const rows: ReceiptRow[] = [];
  const seen = new Set<string>();
  const keys = ["receiptNumber", "receiptDate", "payee", "purpose", "costCategory", "amountCents", "netCents", "vatCents", "paidOn"] as const;
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const raw = Object.fromEntries(keys.map((k, i) => [k, record[header.indexOf(RECEIPT_COLUMNS[i])] ?? ""]));
    const result = ReceiptRowSchema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) errors.push(`Zeile ${line}: ${issue.message}`);
      return;
    }
    const number = result.data.receiptNumber;
    if (seen.has(number)) errors.push(`Zeile ${line}: Belegnummer „${number}“ kommt in der Datei mehrfach vor.`);
    else if (existingReceiptNumbers.has(number)) errors.push(`Zeile ${line}: Belegnummer „${number}“ ist bereits erfasst.`);
    seen.add(number);
    rows.push(result.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
