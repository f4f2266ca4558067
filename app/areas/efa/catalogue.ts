import { z } from "zod";
import { EFA_OFFER_STATUSES, type EfaOfferStatus } from "../../../db/schema/efa";
import { readSemicolonCsv } from "../employees/csv-read";
import { EFA_STATUS_LABELS, LAENDER, OZG_CSV_OPTIONAL, OZG_CSV_REQUIRED, OZG_THEMENFELDER } from "./labels";

export { EFA_STATUS_LABELS, LAENDER, OZG_CSV_OPTIONAL, OZG_CSV_REQUIRED, OZG_THEMENFELDER, isExampleSource } from "./labels";

/**
 * The OZG catalogue as a German CSV file (semicolon, UTF-8 with or without BOM, header row).
 * One row per service; the OZG-ID identifies it, so a new file updates known services and adds
 * new ones. docs/areas/efa.md documents the columns.
 */
export const MAX_CATALOGUE_ROWS = 2000;

/** The words the CSV uses for the offer status (the label's first words, case-insensitive). */
const EFA_STATUS_WORDS: Record<string, EfaOfferStatus> = {
  "in planung": "planned",
  geplant: "planned",
  "in umsetzung": "inDevelopment",
  "in entwicklung": "inDevelopment",
  verfügbar: "available",
  nachnutzbar: "available",
  "verfügbar (nachnutzbar)": "available",
};

export interface OzgServiceRow {
  line: number;
  ozgId: string;
  name: string;
  themenfeld: string;
  leikaKeys: string[];
  efaProvidingLand: string | null;
  efaStatus: EfaOfferStatus | null;
}

const LEIKA_KEY = /^\d{14}$/;
const OZG_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$/;

const RowSchema = z.object({
  "OZG-ID": z.string().min(1, "OZG-ID fehlt").regex(OZG_ID, "OZG-ID darf nur Buchstaben, Ziffern, Punkt, Binde- und Unterstrich enthalten (höchstens 30 Zeichen)"),
  Name: z.string().min(3, "Name fehlt oder ist kürzer als 3 Zeichen").max(200, "Name ist länger als 200 Zeichen"),
  Themenfeld: z.string().min(1, "Themenfeld fehlt"),
  "LeiKa-Schlüssel": z.string().default(""),
  "EfA-Land": z.string().default(""),
  "EfA-Status": z.string().default(""),
});

const norm = (s: string) => s.trim().toLocaleLowerCase("de-DE");
const themenfeldByKey = new Map(OZG_THEMENFELDER.map((t) => [norm(t), t]));
const landByKey = new Map(LAENDER.map((l) => [norm(l), l]));

/**
 * Validates a whole catalogue file. Every problem is reported with its line (header = line 1);
 * the caller saves nothing unless `errors` is empty.
 */
export function parseOzgCatalogueCsv(text: string, maxRows = MAX_CATALOGUE_ROWS): { rows: OzgServiceRow[]; errors: string[] } {
  const read = readSemicolonCsv(text, OZG_CSV_REQUIRED, OZG_CSV_OPTIONAL);
  if (!read.ok) return { rows: [], errors: read.errors };
  if (read.rows.length > maxRows) return { rows: [], errors: [`Die Datei enthält ${read.rows.length} Leistungen; höchstens ${maxRows} sind erlaubt.`] };
  const errors: string[] = [];
  const rows: OzgServiceRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of read.rows) {
    const parsed = RowSchema.safeParse(values);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    const id = values["OZG-ID"] ?? "";
    const first = id ? seen.get(norm(id)) : undefined;
    if (first) problems.push(`OZG-ID ${id} steht schon in Zeile ${first}`);
    else if (id) seen.set(norm(id), line);
    const themenfeld = themenfeldByKey.get(norm(values.Themenfeld ?? ""));
    if (values.Themenfeld && !themenfeld) problems.push(`Themenfeld „${values.Themenfeld}“ ist keines der 14 OZG-Themenfelder`);
    const leikaKeys = (values["LeiKa-Schlüssel"] ?? "")
      .split(/[|,]/)
      .map((k) => k.replace(/\s/g, ""))
      .filter(Boolean);
    const badKeys = leikaKeys.filter((k) => !LEIKA_KEY.test(k));
    if (badKeys.length) problems.push(`LeiKa-Schlüssel ${badKeys.join(", ")} ist kein 14-stelliger Schlüssel`);
    const landText = values["EfA-Land"] ?? "";
    const statusText = values["EfA-Status"] ?? "";
    const land = landText ? landByKey.get(norm(landText)) : null;
    const status = statusText ? EFA_STATUS_WORDS[norm(statusText)] : null;
    if (landText && !land) problems.push(`EfA-Land „${landText}“ ist kein Land (oder „Bund“)`);
    if (statusText && !status) problems.push(`EfA-Status „${statusText}“ ist unbekannt (erlaubt: ${Object.values(EFA_STATUS_LABELS).join(", ")})`);
    if (landText && !statusText) problems.push("Zum EfA-Land fehlt der EfA-Status");
    if (statusText && !landText) problems.push("Zum EfA-Status fehlt das Land, das die Leistung anbietet");
    if (problems.length || !parsed.success) {
      errors.push(`Zeile ${line}: ${problems.join("; ")}.`);
      continue;
    }
    rows.push({
      line,
      ozgId: parsed.data["OZG-ID"],
      name: parsed.data.Name,
      themenfeld: themenfeld!,
      leikaKeys: [...new Set(leikaKeys)],
      efaProvidingLand: land ?? null,
      efaStatus: status ?? null,
    });
  }
  return { rows, errors };
}

export { EFA_OFFER_STATUSES };
