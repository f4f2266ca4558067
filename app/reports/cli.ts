/**
 * Batch use: npm run report -- <type> --id <id> [--jahr <budget year>] [--kommune <slug>] --out <file.pdf>
 * Reads DATABASE_PATH like the server, renders through the same templates and exits non-zero with
 * a German message when the report cannot be made. Prints nothing else on success but the path.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { fundingApplications, municipalities, projects, trainingRegistrations } from "../../db/schema";
import { registerAll } from "../areas/registrations.server";
import { getDb } from "../utils/db.server";
import { withoutTenantGuard } from "../utils/tenant-guard.server";
import type { Tenant } from "../utils/tenant.server";
import { loadReportData } from "./data/index.server";
import { REPORT_TYPES, isReportType, type ReportType } from "./data/types";
import { ReportError } from "./report-error";
import { renderReport } from "./renderer.server";
import { TemplateError } from "./template-schema";
import { loadTemplate, reportFonts } from "./templates.server";
import { logoBytes, getDraft } from "./archive.server";
import { env } from "../utils/env.server";

const USAGE = `Aufruf: npm run report -- <typ> --id <id> --out <datei.pdf> [--jahr <Haushaltsjahr>] [--kommune <slug>]
Typen: ${REPORT_TYPES.join(", ")}`;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** The Kommune of the record: the CLI is an operator tool, so the record decides the tenant. */
function tenantOf(type: ReportType, id: number, slug: string | undefined): Tenant {
  const db = getDb();
  if (type === "statusbericht" || type === "digitalbericht") {
    const m = slug
      ? db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.slug, slug)).get()
      : db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.id, id)).get();
    if (!m) fail(`Kommune ${slug ?? id} wurde nicht gefunden.`);
    return { municipalityId: m.id };
  }
  const table = type === "projektsteckbrief" ? projects : type === "teilnahmebescheinigung" ? trainingRegistrations : fundingApplications;
  const row = withoutTenantGuard("cross-tenant-admin", () => db.select({ municipalityId: table.municipalityId }).from(table).where(eq(table.id, id)).get());
  const label = type === "projektsteckbrief" ? "Projekt" : type === "teilnahmebescheinigung" ? "Anmeldung" : "Förderantrag";
  if (!row) fail(`${label} ${id} wurde nicht gefunden.`);
  return { municipalityId: row.municipalityId };
}

async function main() {
  // Report data reads workflow states through the registered subjects, like the server.
  registerAll();
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { id: { type: "string" }, out: { type: "string" }, jahr: { type: "string" }, kommune: { type: "string" } },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
  const [type] = parsed.positionals;
  const { id, out, jahr, kommune } = parsed.values;
  if (!type || !isReportType(type)) fail(`Unbekannter Berichtstyp „${type ?? ""}“.\n${USAGE}`, 2);
  if (!out) fail(`--out fehlt.\n${USAGE}`, 2);
  const perKommune = type === "statusbericht" || type === "digitalbericht";
  const subjectId = Number(id ?? (perKommune ? 0 : NaN));
  if (!perKommune && (!Number.isSafeInteger(subjectId) || subjectId <= 0)) fail(`--id muss eine positive Zahl sein.\n${USAGE}`, 2);
  const budgetYear = jahr ? Number(jahr) : undefined;
  const tenant = tenantOf(type, subjectId, kommune);
  const db = getDb();
  const draft = type === "verwendungsnachweis" || type === "zwischennachweis" ? getDraft(db, tenant, type, subjectId, budgetYear ?? 0) : undefined;
  const loaded = loadReportData(db, tenant, {
    type,
    subjectId,
    budgetYear,
    narrative: draft?.narrative ?? "",
    generatedBy: "Kommandozeile",
    origin: env().PUBLIC_URL ?? "",
  });
  const { template, file } = loadTemplate(type, { municipalitySlug: loaded.data.municipality.slug });
  const pdf = await renderReport({ template, templateFile: file, data: loaded.data, assets: { ...reportFonts(), logo: logoBytes(db, tenant) } });
  fs.writeFileSync(out, pdf);
  process.stdout.write(`${out}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ReportError || error instanceof TemplateError) fail(`Bericht nicht erstellt: ${error.message}`);
  fail(`Bericht nicht erstellt (interner Fehler): ${(error as Error).stack ?? error}`);
});
