import type { AttendanceStatus } from "../../../db/schema/trainings";
import { readSemicolonCsv } from "../employees/csv-read";

const STATUS_WORDS: Record<string, AttendanceStatus> = {
  anwesend: "present",
  ja: "present",
  abwesend: "absent",
  nein: "absent",
  entschuldigt: "excused",
};

export interface AttendanceImportRow {
  line: number;
  personnelNumber: string | null;
  email: string | null;
  attendance: AttendanceStatus;
}

/**
 * Attendance list: columns Personalnummer and/or E-Mail to identify the person, and Anwesenheit
 * (anwesend / abwesend / entschuldigt). Shape errors only; whether the person is registered for
 * the session is checked by the server module.
 */
export function parseAttendanceCsv(text: string): { rows: AttendanceImportRow[]; errors: string[] } {
  const read = readSemicolonCsv(text, ["Anwesenheit"], ["Personalnummer", "E-Mail", "Name"]);
  if (!read.ok) return { rows: [], errors: read.errors };
  const errors: string[] = [];
  const rows: AttendanceImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of read.rows) {
    const personnelNumber = values.Personalnummer || null;
    const email = values["E-Mail"]?.toLowerCase() || null;
    const problems: string[] = [];
    if (!personnelNumber && !email) problems.push("Personalnummer oder E-Mail fehlt");
    const attendance = STATUS_WORDS[values.Anwesenheit.toLowerCase()];
    if (!attendance) problems.push(`Anwesenheit „${values.Anwesenheit}“ ist ungültig (erlaubt: anwesend, abwesend, entschuldigt)`);
    const key = personnelNumber ?? email ?? "";
    if (key && seen.has(key)) problems.push(`Person steht schon in Zeile ${seen.get(key)}`);
    if (problems.length) {
      errors.push(`Zeile ${line}: ${problems.join("; ")}.`);
      continue;
    }
    seen.set(key, line);
    rows.push({ line, personnelNumber, email, attendance });
  }
  return { rows, errors };
}
