import { type ExportColumnKind, type ExportTable, exportTableToCsv } from "../../utils/export-table";
import { readCsvRecords } from "../../utils/csv";
import { COST_CATEGORY_LABELS } from "./labels";
import { type ReceiptEntry, ReceiptRowSchema } from "./receipt-row";

export { type ReceiptEntry, type ReceiptRow, ReceiptRowSchema } from "./receipt-row";

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

/** Optional column: a reason here marks the receipt as not eligible (empty = eligible). */
export const NOT_ELIGIBLE_COLUMN = "Nicht zuwendungsfähig (Begründung)";

/** Columns the export adds after the import columns (ignored on re-import). */
export const RECEIPT_EXPORT_COLUMNS = ["Lfd. Nr.", "Zuwendungsfähig", "Nicht zuwendungsfähig, weil"] as const;

export type ReceiptExportRow = ReceiptEntry & Partial<{ runningNumber: number; eligibleCents: number; ineligibleReason: string | null }>;

const RECEIPT_KINDS: ExportColumnKind[] = ["text", "date", "text", "text", "text", "money", "money", "money", "date", "text", "integer", "money", "text"];

/**
 * Belegliste export: the import columns (with the clerk's mark), then running number, eligible
 * amount and reason when the rows are the ledger's lines (which carry them). One table for CSV
 * and XLSX.
 */
export function receiptsTable(rows: readonly ReceiptExportRow[]): ExportTable {
  return {
    title: "Belegliste",
    columns: [...RECEIPT_COLUMNS, NOT_ELIGIBLE_COLUMN, ...RECEIPT_EXPORT_COLUMNS].map((header, i) => ({ header, kind: RECEIPT_KINDS[i], csvDate: "german" as const })),
    rows: rows.map((r) => [
      r.receiptNumber,
      r.receiptDate,
      r.payee,
      r.purpose,
      COST_CATEGORY_LABELS[r.costCategory],
      r.amountCents,
      r.netCents,
      r.vatCents,
      r.paidOn || null,
      r.notEligibleReason ?? "",
      r.runningNumber ?? null,
      r.eligibleCents ?? null,
      r.ineligibleReason ?? "",
    ]),
  };
}

export function receiptsToCsv(rows: readonly ReceiptExportRow[]): string {
  return exportTableToCsv(receiptsTable(rows));
}

export type ParsedReceipts = { ok: true; rows: ReceiptEntry[] } | { ok: false; errors: string[] };

/**
 * Parses and validates a whole Belegliste. Returns every row error in German (line numbers as in
 * the file, header = line 1), so nothing is imported until the file is clean.
 */
export function parseReceiptsCsv(content: string, existingReceiptNumbers: ReadonlySet<string> = new Set()): ParsedReceipts {
  const read = readCsvRecords(content, { trim: true });
  if (!read.ok) return { ok: false, errors: [`Die Datei ist keine gültige CSV-Datei (${read.message}).`] };
  const records = read.records;
  if (records.length === 0) return { ok: false, errors: ["Die Datei ist leer."] };
  const header = records[0].map((h) => h.trim());
  const missing = RECEIPT_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    return { ok: false, errors: [`Zeile 1: Es fehlen die Spalten ${missing.map((m) => `„${m}“`).join(", ")}. Erwartet: ${RECEIPT_COLUMNS.join(";")}.`] };
  }
  if (records.length === 1) return { ok: false, errors: ["Die Datei enthält keine Belege."] };
  const errors: string[] = [];
  const rows: ReceiptEntry[] = [];
  const seen = new Set<string>();
  const keys = ["receiptNumber", "receiptDate", "payee", "purpose", "costCategory", "amountCents", "netCents", "vatCents", "paidOn"] as const;
  records.slice(1).forEach((record, index) => {
    const line = index + 2;
    const raw: Record<string, string> = Object.fromEntries(keys.map((k, i) => [k, record[header.indexOf(RECEIPT_COLUMNS[i])] ?? ""]));
    const reasonIndex = header.indexOf(NOT_ELIGIBLE_COLUMN);
    raw.notEligibleReason = reasonIndex >= 0 ? (record[reasonIndex] ?? "") : "";
    raw.notEligible = raw.notEligibleReason.trim() ? "on" : "";
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
