import { z } from "zod";
import { parseGermanDate } from "../../utils/format";
import { readSemicolonCsv } from "./csv-read";
import { EMPLOYEE_CSV_OPTIONAL, EMPLOYEE_CSV_REQUIRED } from "./hr-csv-columns";

export { EMPLOYEE_CSV_OPTIONAL, EMPLOYEE_CSV_REQUIRED } from "./hr-csv-columns";

export interface EmployeeImportRow {
  line: number;
  personnelNumber: string;
  lastName: string;
  firstName: string;
  /** Unit name or short name as in the HR export; resolved against the Kommune's units. */
  unit: string;
  email: string | null;
  jobTitle: string | null;
  isSupervisor: boolean;
  /** German date → ISO; the person is inactive from this day on. */
  leavingDate: string | null;
}

const RowSchema = z.object({
  Personalnummer: z.string().min(1, "Personalnummer fehlt").max(20, "Personalnummer ist länger als 20 Zeichen"),
  Nachname: z.string().min(1, "Nachname fehlt").max(100, "Nachname ist zu lang"),
  Vorname: z.string().min(1, "Vorname fehlt").max(100, "Vorname ist zu lang"),
  Organisationseinheit: z.string().min(1, "Organisationseinheit fehlt"),
  "E-Mail": z.union([z.literal(""), z.email("E-Mail-Adresse ist ungültig")]).default(""),
  Funktion: z.string().max(100, "Funktion ist zu lang").default(""),
  Führungskraft: z
    .string()
    .default("")
    .refine((v) => ["", "ja", "nein", "j", "n", "x"].includes(v.toLowerCase()), "Führungskraft muss „ja“ oder „nein“ sein"),
  Austrittsdatum: z
    .string()
    .default("")
    .refine((v) => v === "" || parseGermanDate(v) !== null, "Austrittsdatum ist kein gültiges Datum (TT.MM.JJJJ)"),
});

/**
 * Validates an HR export row by row. Every problem is reported with its line number; the caller
 * saves nothing unless `errors` is empty.
 */
export function parseEmployeeCsv(text: string): { rows: EmployeeImportRow[]; errors: string[] } {
  const read = readSemicolonCsv(text, EMPLOYEE_CSV_REQUIRED, EMPLOYEE_CSV_OPTIONAL);
  if (!read.ok) return { rows: [], errors: read.errors };
  const errors: string[] = [];
  const rows: EmployeeImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of read.rows) {
    const parsed = RowSchema.safeParse(values);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    // Duplicates are checked on the raw number, so a copy of a faulty row is reported too.
    const number = values.Personalnummer;
    const first = number ? seen.get(number) : undefined;
    if (first) problems.push(`Personalnummer ${number} steht schon in Zeile ${first}`);
    else if (number) seen.set(number, line);
    if (problems.length || !parsed.success) {
      errors.push(`Zeile ${line}: ${problems.join("; ")}.`);
      continue;
    }
    const v = parsed.data;
    rows.push({
      line,
      personnelNumber: v.Personalnummer,
      lastName: v.Nachname,
      firstName: v.Vorname,
      unit: v.Organisationseinheit,
      email: v["E-Mail"] || null,
      jobTitle: v.Funktion || null,
      isSupervisor: ["ja", "j", "x"].includes(v.Führungskraft.toLowerCase()),
      leavingDate: v.Austrittsdatum ? parseGermanDate(v.Austrittsdatum) : null,
    });
  }
  return { rows, errors };
}
