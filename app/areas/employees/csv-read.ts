import { readCsvRecords } from "../../utils/csv";

export interface CsvRow {
  /** Line number in the file as a spreadsheet shows it (header = 1). */
  line: number;
  values: Record<string, string>;
}

export type CsvReadResult = { ok: true; rows: CsvRow[] } | { ok: false; errors: string[] };

/**
 * Reads a German spreadsheet export: semicolon-separated, UTF-8 with or without BOM, first row
 * = column names. Checks that the required columns are there; values are trimmed strings.
 */
export function readSemicolonCsv(text: string, required: readonly string[], optional: readonly string[] = []): CsvReadResult {
  const read = readCsvRecords(text, { trim: true });
  if (!read.ok) {
    const line = read.line;
    return { ok: false, errors: [`Die Datei ist keine gültige CSV-Datei${line ? ` (Zeile ${line})` : ""}. Erwartet wird eine Liste mit Semikolon als Trennzeichen.`] };
  }
  const records = read.records;
  if (records.length === 0) return { ok: false, errors: ["Die Datei ist leer."] };
  const header = records[0].map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length) {
    return { ok: false, errors: [`Es fehlen Spalten: ${missing.join(", ")}. Erwartet: ${[...required, ...optional].join(";")}.`] };
  }
  const unknown = header.filter((h) => h && !required.includes(h) && !optional.includes(h));
  if (unknown.length) return { ok: false, errors: [`Unbekannte Spalten: ${unknown.join(", ")}.`] };
  if (records.length === 1) return { ok: false, errors: ["Die Datei enthält keine Datenzeilen."] };
  const errors: string[] = [];
  const rows: CsvRow[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    if (record.length > header.length) {
      errors.push(`Zeile ${line}: mehr Werte (${record.length}) als Spalten (${header.length}).`);
      return;
    }
    const values: Record<string, string> = {};
    header.forEach((h, j) => (values[h] = (record[j] ?? "").trim()));
    rows.push({ line, values });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
