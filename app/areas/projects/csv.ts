import { z } from "zod";
import { readCsvRecords, restoreFormula } from "../../utils/csv";
import { type ExportColumnKind, type ExportTable, exportTableToCsv } from "../../utils/export-table";
import { parseEuroToCents, parseGermanDate } from "../../utils/format";
import type { ProjectValues } from "./projects";
import { CSV_COLUMNS, MAX_IMPORT_ROWS } from "./csv-columns";

/**
 * Excel-compatible CSV for projects: semicolon separator, UTF-8 with BOM, CRLF line ends, German
 * numbers (1.234,56) and dates (23.11.2026), German header row. Lists (units, goals) are joined
 * with " | ". The ID column lets a re-imported export update the same projects instead of copying them;
 * the Version column says which state of the project the row was exported from, so an import never
 * silently overwrites a change made after the export (optimistic locking, as in the edit form).
 */
export { CSV_COLUMNS, MAX_IMPORT_ROWS } from "./csv-columns";

export const LIST_SEPARATOR = " | ";

/** One exported row, with names instead of ids. `status` is informative and ignored on import. */
export interface ProjectCsvRow {
  id: number;
  version: number;
  title: string;
  description: string;
  fieldOfAction: string;
  leadUnit: string;
  involvedUnits: string[];
  projectLeadEmail: string | null;
  startDate: string | null;
  endDate: string | null;
  budgetPlannedCents: number;
  budgetSpentCents: number;
  ozgRelevant: boolean;
  efaReuse: boolean;
  goals: string[];
  status: string;
}

const yesNo = (b: boolean) => (b ? "ja" : "nein");

/** The projects as the one export table, for CSV and XLSX alike. */
export function projectsTable(rows: readonly ProjectCsvRow[]): ExportTable {
  const kinds: ExportColumnKind[] = ["integer", "integer", "text", "text", "text", "text", "text", "text", "date", "date", "money", "money", "text", "text", "text", "text"];
  return {
    title: "Projekte",
    columns: CSV_COLUMNS.map((header, i) => ({ header, kind: kinds[i], csvDate: "german" as const })),
    rows: rows.map((r) => [
      r.id,
      r.version,
      r.title,
      r.description,
      r.fieldOfAction,
      r.leadUnit,
      r.involvedUnits.join(LIST_SEPARATOR),
      r.projectLeadEmail,
      r.startDate,
      r.endDate,
      r.budgetPlannedCents,
      r.budgetSpentCents,
      yesNo(r.ozgRelevant),
      yesNo(r.efaReuse),
      r.goals.join(LIST_SEPARATOR),
      r.status,
    ]),
  };
}

export function projectsToCsv(rows: readonly ProjectCsvRow[]): string {
  return exportTableToCsv(projectsTable(rows));
}

/** Names → ids of the Kommune's records, for resolving a CSV row. Keys are compared case-insensitively. */
export interface CsvLookups {
  fieldsOfAction: Map<string, number>;
  units: Map<string, number>;
  employeesByEmail: Map<string, number>;
  goals: Map<string, number>;
  /** The Kommune's projects by id: current version and whether archived. */
  projects: Map<number, { version: number; archived: boolean }>;
}

export interface ImportRow {
  /** Spreadsheet row number (the header is row 1). */
  line: number;
  /** Existing project to update, or null to create one. */
  id: number | null;
  /** For updates: the version the row was exported from (equal to the current one, or the row is refused). */
  expectedVersion: number | null;
  values: ProjectValues;
}

export type ImportParseResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: string[] };

const key = (s: string) => s.trim().toLocaleLowerCase("de-DE");

const text = z.string().transform((v) => restoreFormula(v.trim()));

const RawRowSchema = z.object({
  id: z.string().trim(),
  version: z.string().trim(),
  title: text,
  description: text,
  fieldOfAction: text,
  leadUnit: text,
  involvedUnits: text,
  projectLeadEmail: z.string().trim(),
  startDate: z.string().trim(),
  endDate: z.string().trim(),
  budgetPlanned: z.string().trim(),
  budgetSpent: z.string().trim(),
  ozgRelevant: z.string().trim(),
  efaReuse: z.string().trim(),
  goals: text,
});

function splitList(value: string): string[] {
  return value
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseYesNo(value: string): boolean | null {
  const v = key(value);
  if (v === "" || v === "nein" || v === "n" || v === "0" || v === "false") return false;
  if (v === "ja" || v === "j" || v === "1" || v === "x" || v === "true") return true;
  return null;
}

/**
 * Parses and validates a whole file. Every row is checked; the result lists every problem with
 * its spreadsheet row number, so the user can fix the file in one go.
 */
export function parseProjectsCsv(content: string, lookups: CsvLookups, maxRows = MAX_IMPORT_ROWS): ImportParseResult {
  const read = readCsvRecords(content, { trim: false });
  if (!read.ok) {
    const line = read.line;
    return { ok: false, errors: [`Die Datei ist keine gültige CSV-Datei${line ? ` (Fehler um Zeile ${line})` : ""}. Erwartet wird das Semikolon als Trennzeichen.`] };
  }
  const records = read.records;
  if (records.length === 0) return { ok: false, errors: ["Die Datei ist leer."] };
  const header = records[0].map((h) => h.trim());
  const index = new Map(header.map((h, i) => [h, i]));
  const optional: readonly string[] = ["ID", "Version", "Status", "Ziele", "Beteiligte Einheiten"];
  const required = CSV_COLUMNS.filter((c) => !optional.includes(c));
  const missing = required.filter((c) => !index.has(c));
  if (missing.length) {
    return { ok: false, errors: [`Zeile 1: Es fehlen die Spalten ${missing.map((m) => `„${m}“`).join(", ")}. Bitte verwenden Sie die Kopfzeile des Exports.`] };
  }
  const dataRows = records.slice(1);
  if (dataRows.length === 0) return { ok: false, errors: ["Die Datei enthält keine Projekte (nur die Kopfzeile)."] };
  if (dataRows.length > maxRows) return { ok: false, errors: [`Die Datei enthält ${dataRows.length} Zeilen; höchstens ${maxRows} sind erlaubt.`] };

  const cell = (record: string[], column: (typeof CSV_COLUMNS)[number]) => {
    const i = index.get(column);
    return i === undefined ? "" : (record[i] ?? "");
  };
  const errors: string[] = [];
  const rows: ImportRow[] = [];
  const seenIds = new Set<number>();
  dataRows.forEach((record, i) => {
    const line = i + 2;
    const raw = RawRowSchema.parse({
      id: cell(record, "ID"),
      version: cell(record, "Version"),
      title: cell(record, "Titel"),
      description: cell(record, "Beschreibung"),
      fieldOfAction: cell(record, "Handlungsfeld"),
      leadUnit: cell(record, "Federführende Einheit"),
      involvedUnits: cell(record, "Beteiligte Einheiten"),
      projectLeadEmail: cell(record, "Projektleitung (E-Mail)"),
      startDate: cell(record, "Beginn"),
      endDate: cell(record, "Ende"),
      budgetPlanned: cell(record, "Budget geplant (EUR)"),
      budgetSpent: cell(record, "Budget verausgabt (EUR)"),
      ozgRelevant: cell(record, "OZG-relevant"),
      efaReuse: cell(record, "Nachnutzung/EfA"),
      goals: cell(record, "Ziele"),
    });
    const rowErrors: string[] = [];
    const fail = (message: string) => rowErrors.push(`Zeile ${line}: ${message}`);

    let id: number | null = null;
    let expectedVersion: number | null = null;
    if (raw.id) {
      const n = Number(raw.id);
      const existing = lookups.projects.get(n);
      const version = Number(raw.version);
      if (!Number.isSafeInteger(n) || n <= 0) fail(`Die ID „${raw.id}“ ist keine gültige Projekt-ID.`);
      else if (!existing) fail(`Ein Projekt mit der ID ${n} gibt es in dieser Kommune nicht. Lassen Sie die ID für neue Projekte leer.`);
      else if (seenIds.has(n)) fail(`Die ID ${n} kommt mehrfach vor.`);
      else if (!raw.version) fail(`Für die Aktualisierung von Projekt ${n} fehlt die Version. Bitte verwenden Sie einen aktuellen Export (Spalte „Version“).`);
      else if (!Number.isSafeInteger(version) || version <= 0) fail(`Die Version „${raw.version}“ ist keine gültige Versionsnummer.`);
      else if (existing.archived) fail(`Das Projekt ${n} ist archiviert und kann nicht geändert werden. Holen Sie es zuerst aus dem Archiv.`);
      else if (existing.version !== version) {
        fail(
          `Das Projekt wurde seit dem Export geändert (Version ${version} in der Datei, aktuell ${existing.version}). Bitte exportieren Sie erneut und übertragen Sie Ihre Änderungen, damit keine Änderung verloren geht.`,
        );
      } else {
        id = n;
        expectedVersion = version;
        seenIds.add(n);
      }
    }
    if (raw.title.length < 3) fail("Der Titel fehlt oder ist kürzer als 3 Zeichen.");
    else if (raw.title.length > 160) fail("Der Titel ist länger als 160 Zeichen.");
    if (raw.description.length > 5000) fail("Die Beschreibung ist länger als 5.000 Zeichen.");
    const fieldOfActionId = lookups.fieldsOfAction.get(key(raw.fieldOfAction));
    if (!raw.fieldOfAction) fail("Das Handlungsfeld fehlt.");
    else if (!fieldOfActionId) fail(`Das Handlungsfeld „${raw.fieldOfAction}“ gibt es in der Digitalagenda nicht.`);
    const leadUnitId = lookups.units.get(key(raw.leadUnit));
    if (!raw.leadUnit) fail("Die federführende Einheit fehlt.");
    else if (!leadUnitId) fail(`Die Einheit „${raw.leadUnit}“ gibt es nicht.`);
    const involvedUnitIds: number[] = [];
    for (const name of splitList(raw.involvedUnits)) {
      const unitId = lookups.units.get(key(name));
      if (!unitId) fail(`Die beteiligte Einheit „${name}“ gibt es nicht.`);
      else if (unitId !== leadUnitId && !involvedUnitIds.includes(unitId)) involvedUnitIds.push(unitId);
    }
    let projectLeadEmployeeId: number | null = null;
    if (raw.projectLeadEmail) {
      projectLeadEmployeeId = lookups.employeesByEmail.get(key(raw.projectLeadEmail)) ?? null;
      if (!projectLeadEmployeeId) fail(`Für die Projektleitung „${raw.projectLeadEmail}“ gibt es keine Beschäftigte / keinen Beschäftigten.`);
    }
    const startDate = raw.startDate ? parseGermanDate(raw.startDate) : null;
    if (raw.startDate && !startDate) fail(`Der Beginn „${raw.startDate}“ ist kein gültiges Datum (TT.MM.JJJJ).`);
    const endDate = raw.endDate ? parseGermanDate(raw.endDate) : null;
    if (raw.endDate && !endDate) fail(`Das Ende „${raw.endDate}“ ist kein gültiges Datum (TT.MM.JJJJ).`);
    if (startDate && endDate && endDate < startDate) fail("Das Ende liegt vor dem Beginn.");
    const budgetPlannedCents = raw.budgetPlanned ? parseEuroToCents(raw.budgetPlanned) : 0;
    if (budgetPlannedCents === null || budgetPlannedCents < 0) fail(`Das geplante Budget „${raw.budgetPlanned}“ ist kein gültiger Betrag (z. B. 12.500,00).`);
    const budgetSpentCents = raw.budgetSpent ? parseEuroToCents(raw.budgetSpent) : 0;
    if (budgetSpentCents === null || budgetSpentCents < 0) fail(`Das verausgabte Budget „${raw.budgetSpent}“ ist kein gültiger Betrag (z. B. 12.500,00).`);
    const ozgRelevant = parseYesNo(raw.ozgRelevant);
    if (ozgRelevant === null) fail(`„OZG-relevant“ muss „ja“ oder „nein“ sein, nicht „${raw.ozgRelevant}“.`);
    const efaReuse = parseYesNo(raw.efaReuse);
    if (efaReuse === null) fail(`„Nachnutzung/EfA“ muss „ja“ oder „nein“ sein, nicht „${raw.efaReuse}“.`);
    const goalIds: number[] = [];
    for (const title of splitList(raw.goals)) {
      const goalId = lookups.goals.get(key(title));
      if (!goalId) fail(`Das Ziel „${title}“ gibt es in der Digitalagenda nicht.`);
      else if (!goalIds.includes(goalId)) goalIds.push(goalId);
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      return;
    }
    rows.push({
      line,
      id,
      expectedVersion,
      values: {
        title: raw.title,
        description: raw.description,
        fieldOfActionId: fieldOfActionId!,
        leadUnitId: leadUnitId!,
        involvedUnitIds,
        goalIds,
        projectLeadEmployeeId,
        startDate,
        endDate,
        budgetPlannedCents: budgetPlannedCents!,
        budgetSpentCents: budgetSpentCents!,
        ozgRelevant: ozgRelevant!,
        efaReuse: efaReuse!,
      },
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

export function lookupKey(name: string): string {
  return key(name);
}
