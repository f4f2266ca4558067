import { describe, expect, it } from "vitest";
import * as projectsCsv from "~/routes/_app.projekte.export[.csv]";
import * as projectsXlsx from "~/routes/_app.projekte.export[.xlsx]";
import * as receiptsCsv from "~/routes/foerderung.antraege.$applicationId.belege[.csv]";
import * as receiptsXlsx from "~/routes/foerderung.antraege.$applicationId.belege[.xlsx]";
import * as coverageCsv from "~/routes/schulungen.schulungsquote[.csv]";
import * as coverageXlsx from "~/routes/schulungen.schulungsquote[.xlsx]";
import * as roadmapCsv from "~/routes/fahrplan[.csv]";
import * as roadmapXlsx from "~/routes/fahrplan[.xlsx]";
import { demoGrantApplication } from "../support/final-report";
import { type Caller, callLoader, signIn } from "../support/requests";
import { csvCells, readXlsx, xlsxAsCsvCells } from "../support/xlsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
type Loader = Parameters<typeof callLoader>[0];

/** Fetches the CSV and the XLSX of the same export and checks that they hold the same cells. */
async function sameAsCsv(csvLoader: Loader, xlsxLoader: Loader, path: string, caller: Caller, params: Record<string, string> = {}) {
  const csv = await callLoader(csvLoader, `${path}.csv`, { caller, params });
  const xlsx = await callLoader(xlsxLoader, `${path}.xlsx`, { caller, params });
  expect(csv.status).toBe(200);
  expect(xlsx.status).toBe(200);
  expect(xlsx.headers.get("Content-Type")).toBe(XLSX_TYPE);
  expect(xlsx.headers.get("Cache-Control")).toMatch(/no-store/);
  const csvName = csv.headers.get("Content-Disposition")!.replace(/\.csv"$/, "");
  expect(xlsx.headers.get("Content-Disposition")).toBe(`${csvName}.xlsx"`);
  const bytes = await xlsx.arrayBuffer();
  const expected = csvCells(await csv.text());
  expect(expected.length).toBeGreaterThan(1);
  expect(await xlsxAsCsvCells(bytes)).toEqual(expected);
  return readXlsx(bytes);
}

describe("XLSX exports beside CSV", () => {
  it("projects: the same cells as the CSV, with real numbers and dates, only this Kommune", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const { sheet, cells } = await sameAsCsv(projectsCsv.loader, projectsXlsx.loader, "/projekte/export", caller);
    expect(sheet.name).toBe("Projekte");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBe("A1:P1");
    const header = cells[0].map((c) => c.value);
    const glasfaser = cells.find((row) => row[2].value === "Glasfaseranbindung Verwaltungsstandorte")!;
    expect(glasfaser[header.indexOf("Budget geplant (EUR)")].value).toBe(1_600_000);
    expect(typeof glasfaser[0].value).toBe("number");
    expect(cells.flat().some((c) => c.value instanceof Date)).toBe(true);
    expect(cells.flat().map((c) => String(c.value))).not.toContain("Kleinhausen");
  });

  it("projects: the list's filter applies to the XLSX as to the CSV", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const all = await readXlsx(await (await callLoader(projectsXlsx.loader, "/projekte/export.xlsx", { caller })).arrayBuffer());
    const filtered = await readXlsx(await (await callLoader(projectsXlsx.loader, "/projekte/export.xlsx?status=completed", { caller })).arrayBuffer());
    expect(filtered.cells.length).toBeLessThan(all.cells.length);
  });

  it("receipts of an application: amounts in euros, dates as date cells, other Kommunen get 404", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const app = demoGrantApplication();
    const params = { applicationId: String(app.id) };
    const { cells } = await sameAsCsv(receiptsCsv.loader, receiptsXlsx.loader, `/foerderung/antraege/${app.id}/belege`, caller, params);
    const scanner = cells.find((row) => row[0].value === "RE-2025-130")!;
    expect(scanner[5].value).toBe(11900);
    expect(scanner[1].value).toBeInstanceOf(Date);
    const other = await signIn("cdo@kleinhausen.example");
    expect((await callLoader(receiptsXlsx.loader, `/foerderung/antraege/${app.id}/belege.xlsx`, { caller: other, params })).status).toBe(404);
  });

  it("training coverage: one row per unit and the Kommune's total, quotas as percent cells", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const { cells } = await sameAsCsv(coverageCsv.loader, coverageXlsx.loader, "/schulungen/schulungsquote", caller);
    const total = cells.at(-1)!;
    expect(String(total[0].value)).toMatch(/gesamt$/);
    expect(total[4].numFmt).toBe("0.00%");
    expect(total[4].value as number).toBeGreaterThanOrEqual(0);
    expect(total[4].value as number).toBeLessThanOrEqual(1);
  });

  it("Fahrplan table: the page's projects with dates and next milestone", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const { cells } = await sameAsCsv(roadmapCsv.loader, roadmapXlsx.loader, "/fahrplan", caller);
    expect(cells[0].map((c) => c.value)).toContain("Nächster Meilenstein");
    expect(cells.slice(1).some((row) => row[5].value instanceof Date)).toBe(true);
  });

  it("needs a login and the right to read", async () => {
    const res = await callLoader(projectsXlsx.loader, "/projekte/export.xlsx");
    expect([302, 401]).toContain(res.status);
  });
});
