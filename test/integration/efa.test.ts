import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, ozgAdoptions, ozgServices, programmeRollouts, projects } from "../../db/schema";
import { adoptionsOf, kommuneOzgView, setOzgAdoption } from "~/areas/efa/adoption.server";
import { importOzgCatalogue, listOzgServices } from "~/areas/efa/catalogue.server";
import { ozgMatrixTable, providerOzgMatrix, startOzgConnection } from "~/areas/efa/provider-matrix.server";
import { matchingOffers } from "~/areas/maturity/measures.server";
import { listTemplates } from "~/areas/rollin/programmes.server";
import { providerCallerFor } from "~/areas/rollin/provider.server";
import { getDb } from "~/utils/db.server";
import { exportTableToCsv } from "~/utils/export-table";
import { ConflictError, ValidationError } from "~/utils/errors";
import { can } from "~/utils/permissions";
import { auditCount, municipalityId, userId } from "../support/foundation";
import { loader as ozgCsvLoader } from "~/routes/_app.ozg.kommunen[.csv]";
import { loader as ozgXlsxLoader } from "~/routes/_app.ozg.kommunen[.xlsx]";
import { callLoader, signIn } from "../support/requests";
import { csvCells, xlsxAsCsvCells } from "../support/xlsx";

const HEADER = "OZG-ID;Name;Themenfeld;LeiKa-Schlüssel;EfA-Land;EfA-Status";
const coordinator = () => providerCallerFor(getDb(), userId("rollin@landesdienst.example"))!;
const manager = () => providerCallerFor(getDb(), userId("betreuung@landesdienst.example"))!;
const admin = { actor: { userId: null, label: "admin@fahrplan.example" }, isPlatformAdmin: true, providerRole: null };
const cdo = (kommune: string) => {
  const id = userId(kommune === "Musterstadt" ? "cdo@musterstadt.example" : "cdo@kleinhausen.example");
  return { municipalityId: municipalityId(kommune), actor: { userId: id, label: "cdo" }, role: "cdo" as const };
};
const serviceId = (name: string) => getDb().select().from(ozgServices).where(eq(ozgServices.name, name)).get()!.id;
const formErrors = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return Object.values(e.fieldErrors).flat();
    throw e;
  }
  return [];
};
const forbidden = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return e instanceof Response && e.status === 403;
  }
  return false;
};

describe("OZG catalogue import", () => {
  it("the demo has the example catalogue, marked as example data", () => {
    const services = listOzgServices(getDb());
    expect(services).toHaveLength(13);
    expect(services.every((s) => s.source === "ozg-katalog-beispieldaten.csv")).toBe(true);
    expect(kommuneOzgView(getDb(), cdo("Musterstadt")).exampleData).toBe(true);
  });

  it("saves nothing when one row is bad and lists every bad row with its line", () => {
    const before = listOzgServices(getDb());
    const audits = auditCount();
    const result = importOzgCatalogue(admin, [HEADER, "BSP-0001;Wohngeld neu;Bauen & Wohnen;;;", "NEU-1;Neue Leistung;Umwelt;;;", "NEU-2;Kaputt;Nirgendwo;;;", "NEU-3;Kaputt auch;Umwelt;12;;"].join("\n"), "katalog.csv");
    expect(result).toEqual({ ok: false, errors: [expect.stringMatching(/^Zeile 4: Themenfeld „Nirgendwo“/), expect.stringMatching(/^Zeile 5: LeiKa-Schlüssel 12/)] });
    expect(listOzgServices(getDb())).toEqual(before);
    expect(auditCount()).toBe(audits);
  });

  it("upserts on the OZG-ID: updates known services, adds new ones, keeps the rest; audited without a Kommune", () => {
    const wohngeld = getDb().select().from(ozgServices).where(eq(ozgServices.ozgId, "BSP-0001")).get()!;
    const result = importOzgCatalogue(
      { ...coordinator(), isPlatformAdmin: false },
      [HEADER, "bsp-0001;Wohngeld;Bauen & Wohnen;99000000000101;Schleswig-Holstein;verfügbar", "BSP-0002;Baugenehmigung (digitaler Bauantrag);Bauen & Wohnen;99000000000201;Mecklenburg-Vorpommern;verfügbar", "KAT-9;Parkausweis für Handwerker;Mobilität & Reisen;;Berlin;in Planung"].join("\r\n"),
      "ozg-katalog-2026.csv",
    );
    expect(result).toEqual({ ok: true, created: 1, updated: 1, unchanged: 1 });
    const after = getDb().select().from(ozgServices).where(eq(ozgServices.id, wohngeld.id)).get()!;
    expect(after.leikaKeys).toEqual(["99000000000101"]);
    expect(after.version).toBe(wohngeld.version + 1);
    expect(after.source).toBe("ozg-katalog-2026.csv");
    expect(listOzgServices(getDb())).toHaveLength(14);
    const entry = getDb().select().from(auditLog).where(eq(auditLog.entity, "ozgService")).all().at(-1)!;
    expect(entry.municipalityId).toBeNull();
    expect(entry.action).toBe("import");
    // Adoptions of the updated service stay.
    expect(adoptionsOf(getDb(), cdo("Musterstadt")).get(wohngeld.id)?.status).toBe("connecting");
  });

  it("is refused for a manager and for Kommune users without platform administration", () => {
    expect(forbidden(() => importOzgCatalogue({ ...manager(), isPlatformAdmin: false }, HEADER, "x.csv"))).toBe(true);
    expect(forbidden(() => importOzgCatalogue({ actor: admin.actor, isPlatformAdmin: false, providerRole: null }, HEADER, "x.csv"))).toBe(true);
  });
});

describe("adoption per Kommune", () => {
  it("sets status, level and project with a version check, audited in the Kommune", () => {
    const caller = cdo("Musterstadt");
    const id = serviceId("Gewerbe anmelden");
    const project = getDb().select().from(projects).where(eq(projects.municipalityId, caller.municipalityId)).get()!;
    const kpiBefore = kommuneOzgView(getDb(), caller).kpi;
    setOzgAdoption(caller, id, { status: "live", maturityLevel: 3, projectId: project.id, version: 0 });
    const entry = adoptionsOf(getDb(), caller).get(id)!;
    expect(entry).toMatchObject({ status: "live", maturityLevel: 3, projectId: project.id, version: 1 });
    const kpiAfter = kommuneOzgView(getDb(), caller).kpi;
    expect(kpiAfter.atTarget).toBe(kpiBefore.atTarget + 1);
    expect(kpiAfter.relevant).toBe(kpiBefore.relevant);
    // A stale form is refused, nothing changes.
    expect(() => setOzgAdoption(caller, id, { status: "notRelevant", maturityLevel: 0, projectId: null, version: 0 })).toThrow(ConflictError);
    setOzgAdoption(caller, id, { status: "notRelevant", maturityLevel: 0, projectId: null, version: 1 });
    expect(kommuneOzgView(getDb(), caller).kpi.relevant).toBe(kpiBefore.relevant - 1);
    const audits = getDb().select().from(auditLog).where(and(eq(auditLog.entity, "ozgAdoption"), eq(auditLog.municipalityId, caller.municipalityId))).all();
    expect(audits.map((a) => a.action).slice(-2)).toEqual(["create", "update"]);
  });

  it("refuses a project of another Kommune and a service that does not exist", () => {
    const caller = cdo("Musterstadt");
    const foreign = getDb().select().from(projects).where(eq(projects.municipalityId, municipalityId("Kleinhausen"))).get()!;
    const id = serviceId("Sperrmüll anmelden");
    const error = (() => {
      try {
        setOzgAdoption(caller, id, { status: "connecting", maturityLevel: 1, projectId: foreign.id, version: 0 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.projectId).toEqual(["Bitte wählen Sie ein Projekt Ihrer Kommune."]);
    expect(adoptionsOf(getDb(), caller).get(id)).toBeUndefined();
    expect(() => setOzgAdoption(caller, 999_999, { status: "live", maturityLevel: 3, projectId: null, version: 0 })).toThrow(ValidationError);
  });

  it("a Kommune sees only its own entries", () => {
    const kleinhausen = adoptionsOf(getDb(), cdo("Kleinhausen"));
    const musterstadt = adoptionsOf(getDb(), cdo("Musterstadt"));
    expect([...kleinhausen.values()].map((e) => e.serviceId)).toEqual([serviceId("Wohngeld")]);
    expect(musterstadt.size).toBeGreaterThan(5);
    const view = kommuneOzgView(getDb(), cdo("Kleinhausen"));
    expect(view.rows.find((r) => r.service.name === "Baugenehmigung (digitaler Bauantrag)")!.status).toBe("notStarted");
  });
});

describe("provider matrix and Anbindung starten", () => {
  it("shows only the caller's Kommunen (manager: assigned ones), with the KPI of the Kommune's page", () => {
    const m = providerOzgMatrix(getDb(), manager());
    expect(m.rows.map((r) => r.municipality.name)).toEqual(["Eichenbrück", "Kleinhausen"]);
    const c = providerOzgMatrix(getDb(), coordinator());
    expect(c.rows.map((r) => r.municipality.name)).toEqual(["Eichenbrück", "Kleinhausen", "Wiesengrund"]);
    expect(c.rows.some((r) => r.municipality.name === "Musterstadt")).toBe(false);
    const kleinhausen = c.rows.find((r) => r.municipality.name === "Kleinhausen")!;
    expect(kleinhausen.kpi).toEqual(kommuneOzgView(getDb(), cdo("Kleinhausen")).kpi);
    expect(kleinhausen.kpi.relevant).toBe(c.services.length);
    const csv = exportTableToCsv(ozgMatrixTable(c));
    expect(csv.split("\r\n")[0]).toContain("Anteil ab Stufe 3 (%)");
    expect(csv).toContain("Kleinhausen;Amt Seenland;");
    expect(csv).not.toContain("Musterstadt");
  });

  it("downloads the matrix as CSV and XLSX with the same cells, only for provider staff, only their Kommunen", async () => {
    const bea = await signIn("betreuung@landesdienst.example");
    const csv = await (await callLoader(ozgCsvLoader, "/ozg/kommunen.csv", { caller: bea })).text();
    expect(csv).toContain("Kleinhausen");
    expect(csv).not.toContain("Wiesengrund");
    const xlsx = await callLoader(ozgXlsxLoader, "/ozg/kommunen.xlsx", { caller: bea });
    expect(await xlsxAsCsvCells(new Uint8Array(await xlsx.arrayBuffer()))).toEqual(csvCells(csv));
    const kommuneCdo = await signIn("cdo@kleinhausen.example");
    expect((await callLoader(ozgXlsxLoader, "/ozg/kommunen.xlsx", { caller: kommuneCdo })).status).toBe(403);
    expect((await callLoader(ozgCsvLoader, "/ozg/kommunen.csv", { caller: kommuneCdo })).status).toBe(403);
  });

  it("a manager cannot start a connection in a Kommune not assigned to them; nothing is written", () => {
    const audits = auditCount();
    const template = listTemplates(getDb(), coordinator()).find((t) => t.name.includes("EfA"))!;
    expect(() => startOzgConnection(manager(), { municipalityId: municipalityId("Wiesengrund"), serviceId: serviceId("Wohngeld"), templateId: template.id, startDate: "2026-12-07" })).toThrow(ValidationError);
    expect(() => startOzgConnection(coordinator(), { municipalityId: municipalityId("Musterstadt"), serviceId: serviceId("Wohngeld"), templateId: template.id, startDate: "2026-12-07" })).toThrow(ValidationError);
    expect(auditCount()).toBe(audits);
  });

  it("rolls the programme into the Kommune, links the project and sets „in Anbindung“; refused when the programme already runs", () => {
    const wiesengrund = municipalityId("Wiesengrund");
    const template = listTemplates(getDb(), coordinator()).find((t) => t.name.includes("EfA"))!;
    const id = serviceId("Wohngeld");
    const projectId = startOzgConnection(coordinator(), { municipalityId: wiesengrund, serviceId: id, templateId: template.id, startDate: "2026-12-07" });
    const project = getDb().select().from(projects).where(eq(projects.id, projectId)).get()!;
    expect(project.municipalityId).toBe(wiesengrund);
    expect(getDb().select().from(programmeRollouts).where(and(eq(programmeRollouts.municipalityId, wiesengrund), eq(programmeRollouts.templateId, template.id))).get()!.projectId).toBe(projectId);
    const entry = getDb().select().from(ozgAdoptions).where(and(eq(ozgAdoptions.municipalityId, wiesengrund), eq(ozgAdoptions.serviceId, id))).get()!;
    expect(entry).toMatchObject({ status: "connecting", projectId });
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.entity, "ozgAdoption"), eq(auditLog.municipalityId, wiesengrund))).all().at(-1)!;
    expect(audit.action).toBe("start_connection");
    // Again: the connection runs already.
    expect(formErrors(() => startOzgConnection(coordinator(), { municipalityId: wiesengrund, serviceId: id, templateId: template.id, startDate: "2026-12-07" }))).toEqual(["Die Anbindung läuft in dieser Kommune bereits (mit Projekt)."]);
    // Another service with the same template: the roll-in refuses (one rollout per template and Kommune), nothing half-saved.
    const before = auditCount();
    const other = serviceId("Fischereischein");
    expect(formErrors(() => startOzgConnection(coordinator(), { municipalityId: wiesengrund, serviceId: other, templateId: template.id, startDate: "2026-12-07" }))).toEqual(["Wiesengrund: Das Programm läuft in dieser Kommune bereits."]);
    expect(getDb().select().from(ozgAdoptions).where(and(eq(ozgAdoptions.municipalityId, wiesengrund), eq(ozgAdoptions.serviceId, other))).get()).toBeUndefined();
    expect(auditCount()).toBe(before);
  });
});

describe("maturity gaps link to EfA services (#15)", () => {
  it("proposes EfA services by Themenfeld and leaves out those the Kommune runs live", () => {
    const caller = { ...cdo("Musterstadt"), can: (p: Parameters<typeof can>[1]) => can("cdo", p) };
    const offers = matchingOffers(getDb(), caller, [
      { code: "VW-01", purposeTag: "Verwaltung", trainingTopic: null },
      { code: "MO-01", purposeTag: "Mobilität", trainingTopic: null },
      { code: "IT-01", purposeTag: "Infrastruktur", trainingTopic: null },
    ]);
    const online = offers.get("VW-01")!.efaServices.map((s) => s.name);
    expect(online.length).toBe(3);
    // Baugenehmigung and Wohnsitz anmelden are live in Musterstadt, Fischereischein not relevant.
    expect(online).not.toContain("Baugenehmigung (digitaler Bauantrag)");
    expect(online).not.toContain("Wohnsitz anmelden");
    // Reusable offers first: Wohngeld is the only available one Musterstadt does not run yet.
    expect(offers.get("VW-01")!.efaServices.map((s) => s.status)).toEqual(["available", "inDevelopment", "inDevelopment"]);
    expect(online[0]).toBe("Wohngeld");
    // Bewohnerparkausweis is live in Musterstadt; the handicraft permit from the import above is planned.
    expect(offers.get("MO-01")!.efaServices.map((s) => s.name)).toEqual(["Parkausweis für Handwerker"]);
    expect(offers.get("IT-01")!.efaServices).toEqual([]);
  });
});
