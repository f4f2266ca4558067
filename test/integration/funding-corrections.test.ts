import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { archivedReports, auditLog, drawdowns, expenditures, financePlanItems, fundingApplications, fundingProgrammes } from "../../db/schema";
import * as applicationRoute from "~/routes/_app.foerderung.antraege.$applicationId._index";
import * as receiptsRoute from "~/routes/_app.foerderung.antraege.$applicationId.belege";
import { loadLedger } from "~/areas/funding/ledger.server";
import { getDb } from "~/utils/db.server";
import { seedGrant } from "../support/report-db";
import { type Caller, callAction, callLoader, jsonBody, signIn } from "../support/requests";

const db = () => getDb();

async function post(caller: Caller, id: number, form: Record<string, string>) {
  return callAction(applicationRoute.action, `/foerderung/antraege/${id}`, { caller, params: { applicationId: String(id) }, form });
}
async function page(caller: Caller, id: number) {
  return jsonBody(await callLoader(applicationRoute.loader, `/foerderung/antraege/${id}`, { caller, params: { applicationId: String(id) } }));
}
async function receipts(caller: Caller, id: number, form: Record<string, string> | FormData) {
  return callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, { caller, params: { applicationId: String(id) }, form });
}
function lastAudit(entity: string, entityId: number) {
  return db().select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId)))).orderBy(desc(auditLog.id)).limit(1).get();
}
function drawdownRows(id: number) {
  return db().select().from(drawdowns).where(eq(drawdowns.applicationId, id)).orderBy(drawdowns.id).all();
}
/** A final report's snapshot has no watermark; one archived before the period ended says "Entwurf". */
function archiveFinalReport(municipalityId: number, id: number, snapshot: Record<string, unknown> = {}) {
  db().insert(archivedReports).values({
    municipalityId,
    reportType: "verwendungsnachweis",
    subjectType: "fundingApplication",
    subjectId: id,
    title: "VN",
    filePath: "reports/x.pdf",
    sha256: "0".repeat(64),
    sizeBytes: 1,
    templateFile: "templates/verwendungsnachweis.json",
    dataSnapshot: JSON.stringify(snapshot),
    generatedByLabel: "test",
  }).run();
}
const receipt = (over: Record<string, string>) => ({
  intent: "add",
  receiptNumber: "N-1",
  receiptDate: "01.06.2025",
  payee: "Catering GmbH",
  purpose: "Bewirtung Auftaktveranstaltung",
  costCategory: "materials",
  amountCents: "238,00",
  paidOn: "10.06.2025",
  ...over,
});

describe("eligibility: Vorsteuerabzug and receipts that do not count", () => {
  it("stores the Vorsteuerabzug on the application (audited), so receipts count net", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 4, title: "Vorsteuer" });
    const cdo = await signIn("cdo@musterstadt.example");
    const viewer = await signIn("rat@musterstadt.example");
    const id = grant.applicationId;
    const app = () => db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()!;
    const finance = await signIn("kaemmerei@musterstadt.example");
    expect((await receipts(finance, id, receipt({ receiptNumber: "V-1", amountCents: "119,00", netCents: "100,00", vatCents: "19,00" }))).status).toBe(200);
    const grossCounted = loadLedger(db(), grant, id)!.countedCents;
    const basics = { intent: "basics", title: "Vorsteuer", description: "", thirdPartyFundsCents: "0,00" };
    expect((await post(viewer, id, { ...basics, version: String(app().version), inputTaxDeductible: "on" })).status).toBe(403);
    expect((await post(cdo, id, { ...basics, version: String(app().version), inputTaxDeductible: "on" })).status).toBe(200);
    expect(app().inputTaxDeductible).toBe(true);
    expect(JSON.parse(lastAudit("fundingApplication", id)!.changes).changes).toMatchObject({ inputTaxDeductible: { from: false, to: true } });
    expect(loadLedger(db(), grant, id)!.countedCents).toBe(grossCounted - 1_900);
    expect((await page(cdo, id)).app.inputTaxDeductible).toBe(true);

    // Once the final report is archived, the setting is part of it.
    archiveFinalReport(grant.municipalityId, id);
    const locked = await post(cdo, id, { ...basics, version: String(app().version) });
    expect(locked.status).toBe(400);
    expect((await jsonBody(locked)).result.error.inputTaxDeductible[0]).toContain("Verwendungsnachweis dieses Antrags ist archiviert");
    expect(app().inputTaxDeductible).toBe(true);
  });

  it("marks a receipt not eligible only with a reason; outside the funding period only so; the list says why", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 2, title: "Belegprüfung" });
    const finance = await signIn("kaemmerei@musterstadt.example");
    const id = grant.applicationId;
    const count = () => db().select().from(expenditures).where(eq(expenditures.applicationId, id)).all().length;
    const before = count();

    const noReason = await receipts(finance, id, receipt({ notEligible: "on", notEligibleReason: "" }));
    expect(noReason.status).toBe(400);
    expect((await jsonBody(noReason)).result.error.notEligibleReason).toEqual(["Bitte begründen Sie, warum der Beleg nicht zuwendungsfähig ist."]);
    // Funding period 01.03.2025 – 28.02.2026: a receipt from before is refused …
    const outside = await receipts(finance, id, receipt({ receiptNumber: "N-2", receiptDate: "15.02.2025", paidOn: "20.02.2025" }));
    expect(outside.status).toBe(400);
    expect((await jsonBody(outside)).result.error.receiptDate).toEqual([
      "Das Belegdatum liegt außerhalb des Bewilligungszeitraums 01.03.2025 – 28.02.2026. Der Beleg kann nur als nicht zuwendungsfähig mit Begründung erfasst werden.",
    ]);
    expect(count()).toBe(before);
    // … unless it is kept as not eligible with a reason.
    const kept = await receipts(finance, id, receipt({ receiptNumber: "N-2", receiptDate: "15.02.2025", paidOn: "20.02.2025", notEligible: "on", notEligibleReason: "Vor Beginn des Bewilligungszeitraums bestellt" }));
    expect(kept.status).toBe(200);
    expect((await receipts(finance, id, receipt({ notEligible: "on", notEligibleReason: "Bewirtung ist nicht zuwendungsfähig" }))).status).toBe(200);
    expect(count()).toBe(before + 2);

    const list = await jsonBody(await callLoader(receiptsRoute.loader, `/foerderung/antraege/${id}/belege`, { caller: finance, params: { applicationId: String(id) } }));
    const reasons = Object.fromEntries(list.list.rows.map((r: { receiptNumber: string; ineligibleReason: string | null }) => [r.receiptNumber, r.ineligibleReason]));
    expect(reasons["N-1"]).toBe("Bewirtung ist nicht zuwendungsfähig");
    expect(reasons["N-2"]).toBe("Vor Beginn des Bewilligungszeitraums bestellt");
    expect(reasons["R-0001"]).toBeNull();
    expect(list.list.ineligible).toEqual({ count: 2, cents: 47_600 });
    const ledger = loadLedger(db(), grant, id)!;
    expect(ledger.ineligibleCents).toBe(47_600);

    // Correcting an eligible receipt to a date outside the period is refused the same way.
    const target = db().select().from(expenditures).where(and(eq(expenditures.applicationId, id), eq(expenditures.receiptNumber, "R-0001"))).get()!;
    const moved = await receipts(finance, id, { ...receipt({ receiptNumber: "R-0001", receiptDate: "01.04.2026", paidOn: "02.04.2026" }), intent: "update", expenditureId: String(target.id), version: String(target.version) });
    expect(moved.status).toBe(400);
    expect((await jsonBody(moved)).result.error.receiptDate[0]).toContain("außerhalb des Bewilligungszeitraums");
  });

  it("imports the optional reason column and refuses rows outside the period without it, importing nothing", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 1, title: "Import" });
    const finance = await signIn("kaemmerei@musterstadt.example");
    const id = grant.applicationId;
    const header = "Belegnummer;Belegdatum;Zahlungsempfänger;Zweck;Kostenart;Betrag brutto;Netto;Umsatzsteuer;Bezahlt am;Nicht zuwendungsfähig (Begründung)";
    const file = (content: string) => {
      const form = new FormData();
      form.set("intent", "import");
      form.set("file", new File([content], "belege.csv", { type: "text/csv" }));
      return form;
    };
    const count = () => db().select().from(expenditures).where(eq(expenditures.applicationId, id)).all().length;
    const before = count();
    const bad = await receipts(finance, id, file(`${header}\nI-1;01.05.2025;Firma;Lizenz;Sachausgaben;100,00;;;02.05.2025;\nI-2;01.04.2026;Firma;Wartung;Sachausgaben;50,00;;;02.04.2026;`));
    expect(bad.status).toBe(400);
    expect((await jsonBody(bad)).importErrors).toEqual([expect.stringMatching(/^Zeile 3: Das Belegdatum liegt außerhalb des Bewilligungszeitraums/)]);
    expect(count()).toBe(before);
    const good = await receipts(finance, id, file(`${header}\nI-1;01.05.2025;Firma;Lizenz;Sachausgaben;100,00;;;02.05.2025;\nI-2;01.04.2026;Firma;Wartung;Sachausgaben;50,00;;;02.04.2026;Nach Ende des Zeitraums`));
    expect((await jsonBody(good)).imported).toBe(2);
    expect(db().select().from(expenditures).where(and(eq(expenditures.applicationId, id), eq(expenditures.receiptNumber, "I-2"))).get()!.notEligibleReason).toBe("Nach Ende des Zeitraums");
  });

  it("a cost category the programme does not fund makes its receipts not eligible, with the reason", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 4, title: "Kostenarten" });
    const programmeId = db().select().from(fundingApplications).where(eq(fundingApplications.id, grant.applicationId)).get()!.programmeId;
    db().update(fundingProgrammes).set({ eligibleCostCategories: ["externalServices", "investments", "materials"] }).where(eq(fundingProgrammes.id, programmeId)).run();
    const ledger = loadLedger(db(), grant, grant.applicationId)!;
    const personnel = ledger.lines.filter((l) => l.costCategory === "personnel");
    expect(personnel.length).toBeGreaterThan(0);
    for (const l of personnel) expect(l.ineligibleReason).toBe("Kostenart „Personal“ ist im Programm nicht zuwendungsfähig.");
    expect(ledger.ineligibleCents).toBe(personnel.reduce((s, l) => s + l.countedCents, 0));
  });
});

describe("drawdowns: override reason, corrections and cancellation", () => {
  it("corrects a drawdown under the same hard limits, with version check and audit", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 2, title: "Abrufkorrektur" });
    const finance = await signIn("kaemmerei@musterstadt.example");
    const viewer = await signIn("rat@musterstadt.example");
    const id = grant.applicationId;
    // Grant 65.000 €, decision 14.02.2025, drawdowns of 20.000 € and 15.000 €.
    const [first] = drawdownRows(id);
    const form = (over: Record<string, string>) => ({
      intent: "correctDrawdown",
      drawdownId: String(first.id),
      version: String(first.version),
      requestedOn: "01.04.2025",
      requestedCents: "20.000,00",
      receivedOn: "15.04.2025",
      receivedCents: "20.000,00",
      reason: "Tippfehler im Betrag",
      ...over,
    });
    expect((await post(viewer, id, form({}))).status).toBe(403);
    const above = await post(finance, id, form({ requestedCents: "50.000,01" }));
    expect(above.status).toBe(400);
    expect((await jsonBody(above)).result.error.requestedCents[0]).toMatch(/^Höchstens 50\.000,00\s€ können noch abgerufen werden/);
    const early = await post(finance, id, form({ requestedOn: "13.02.2025", receivedOn: "" , receivedCents: "" }));
    expect((await jsonBody(early)).result.error.requestedOn).toEqual(["Der Abruf liegt vor dem Zuwendungsbescheid vom 14.02.2025."]);
    const half = await post(finance, id, form({ receivedOn: "" }));
    expect((await jsonBody(half)).result.error.receivedOn[0]).toContain("zusammen angeben");
    const noReason = await post(finance, id, form({ reason: "" }));
    expect((await jsonBody(noReason)).result.error.reason).toEqual(["Bitte den Grund der Korrektur angeben."]);
    expect(drawdownRows(id)[0]).toMatchObject({ requestedCents: 2_000_000, version: first.version });

    const ok = await post(finance, id, form({ requestedCents: "21.000,00", receivedCents: "21.000,00" }));
    expect(ok.status).toBe(200);
    expect(drawdownRows(id)[0]).toMatchObject({ requestedCents: 2_100_000, receivedCents: 2_100_000, version: first.version + 1 });
    const audit = lastAudit("drawdown", first.id)!;
    expect(audit.action).toBe("correct");
    expect(JSON.parse(audit.changes).changes).toMatchObject({ requestedCents: { from: 2_000_000, to: 2_100_000 } });
    expect(audit.changes).toContain("Tippfehler im Betrag");
    const stale = await post(finance, id, form({ requestedCents: "19.000,00" }));
    expect(stale.status).toBe(409);
    expect(loadLedger(db(), grant, id)!.requestedCents).toBe(3_600_000);
  });

  it("cancels a drawdown with date and reason: it stays listed and no longer counts; locked after the final report", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 2, title: "Abrufstorno" });
    const finance = await signIn("kaemmerei@musterstadt.example");
    const id = grant.applicationId;
    const [, second] = drawdownRows(id);
    const cancel = (over: Record<string, string>) => ({ intent: "cancelDrawdown", drawdownId: String(second.id), version: String(second.version), cancelledOn: "01.02.2026", cancelReason: "Doppelt abgerufen", ...over });
    const noReason = await post(finance, id, cancel({ cancelReason: "" }));
    expect(noReason.status).toBe(400);
    expect((await jsonBody(noReason)).result.error.cancelReason).toEqual(["Bitte den Grund der Stornierung angeben."]);
    expect((await post(finance, id, cancel({}))).status).toBe(200);
    expect(drawdownRows(id)[1]).toMatchObject({ cancelledOn: "2026-02-01", cancelReason: "Doppelt abgerufen", requestedCents: 1_500_000 });
    expect(lastAudit("drawdown", second.id)!.action).toBe("cancel");
    const data = await page(finance, id);
    expect(data.drawdowns.map((d: { id: number; cancelledOn: string | null }) => [d.id, d.cancelledOn])).toContainEqual([second.id, "2026-02-01"]);
    expect(loadLedger(db(), grant, id)!.requestedCents).toBe(2_000_000);
    // Cancelled is final: no second cancellation or correction.
    const again = await post(finance, id, cancel({ version: String(second.version + 1) }));
    expect((await jsonBody(again)).result.error[""][0]).toContain("storniert");

    // The freed amount can be drawn again; after the final report nothing can change.
    archiveFinalReport(grant.municipalityId, id);
    const [first] = drawdownRows(id);
    const locked = await post(finance, id, { intent: "correctDrawdown", drawdownId: String(first.id), version: String(first.version), requestedOn: "01.04.2025", requestedCents: "1,00", receivedOn: "", receivedCents: "", reason: "x" });
    expect(locked.status).toBe(400);
    expect((await jsonBody(locked)).result.error[""][0]).toContain("Mittelabrufe können nicht mehr erfasst, korrigiert oder storniert werden");
    const newRequest = await post(finance, id, { intent: "drawdown", requestedOn: "01.02.2026", requestedCents: "1,00", plannedPaymentsCents: "1,00" });
    expect((await jsonBody(newRequest)).result.error[""][0]).toContain("Verwendungsnachweis dieses Antrags ist archiviert");
    expect(drawdownRows(id)[0].version).toBe(first.version);
  });
});

describe("finance plan corrections", () => {
  it("corrects and deletes plan items with version check and audit, only while the plan is editable", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 1, title: "Plankorrektur", state: "drafting" });
    const cdo = await signIn("cdo@musterstadt.example");
    const viewer = await signIn("rat@musterstadt.example");
    const id = grant.applicationId;
    const items = () => db().select().from(financePlanItems).where(eq(financePlanItems.applicationId, id)).orderBy(financePlanItems.id).all();
    const item = items()[0];
    const update = (over: Record<string, string>) => ({
      intent: "updatePlanItem",
      itemId: String(item.id),
      version: String(item.version),
      costCategory: "externalServices",
      description: "Beratung (korrigiert)",
      budgetYear: "2025",
      plannedCents: "12.345,67",
      eligible: "on",
      ...over,
    });
    expect((await post(viewer, id, update({}))).status).toBe(403);
    const bad = await post(cdo, id, update({ plannedCents: "0", description: "" }));
    expect(bad.status).toBe(400);
    expect((await jsonBody(bad)).result.error).toMatchObject({ plannedCents: ["Der Betrag muss größer als 0 sein."], description: ["Bitte die Kostenposition beschreiben."] });
    expect((await post(cdo, id, update({}))).status).toBe(200);
    expect(items()[0]).toMatchObject({ costCategory: "externalServices", description: "Beratung (korrigiert)", plannedCents: 1_234_567, version: item.version + 1 });
    expect(JSON.parse(lastAudit("financePlanItem", item.id)!.changes).changes).toMatchObject({ plannedCents: { from: item.plannedCents, to: 1_234_567 } });
    expect((await post(cdo, id, update({ plannedCents: "1,00" }))).status).toBe(409);
    const staleDelete = await post(cdo, id, { intent: "removePlanItem", itemId: String(item.id), version: String(item.version) });
    expect(staleDelete.status).toBe(409);
    expect((await post(cdo, id, { intent: "removePlanItem", itemId: String(item.id), version: String(item.version + 1) })).status).toBe(200);
    expect(items().map((i) => i.id)).not.toContain(item.id);
    expect(lastAudit("financePlanItem", item.id)!.action).toBe("delete");

    const granted = seedGrant("Musterstadt", { receiptCount: 1, title: "Plan nach Bewilligung" });
    const grantedItem = db().select().from(financePlanItems).where(eq(financePlanItems.applicationId, granted.applicationId)).get()!;
    const refused = await post(cdo, granted.applicationId, { ...update({}), itemId: String(grantedItem.id), version: String(grantedItem.version) });
    expect(refused.status).toBe(400);
    expect((await jsonBody(refused)).result.error[""][0]).toContain("nur über einen Änderungsantrag");
  });
});

describe("Prüfung vor Einreichung on the application page", () => {
  it("lists in German what a clerk would reject, computed from the ledger", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 8, title: "Prüfliste" });
    const cdo = await signIn("cdo@musterstadt.example");
    const id = grant.applicationId;
    db().update(expenditures).set({ paidOn: null }).where(and(eq(expenditures.applicationId, id), eq(expenditures.receiptNumber, "R-0002"))).run();
    const first = db().select().from(financePlanItems).where(eq(financePlanItems.applicationId, id)).orderBy(financePlanItems.id).get()!;
    db().update(financePlanItems).set({ plannedCents: 1_000 }).where(eq(financePlanItems.id, first.id)).run();
    const points: { code: string; blocking: boolean; message: string }[] = (await page(cdo, id)).submissionCheck;
    const blocking = points.filter((p) => p.blocking).map((p) => p.code);
    expect(blocking).toEqual(expect.arrayContaining(["sachbericht", "unpaidReceipts", "overrun"]));
    expect(points.find((p) => p.code === "unpaidReceipts")!.message).toBe("1 Beleg hat kein Zahlungsdatum: R-0002. Nachgewiesen werden nur bezahlte Ausgaben.");
    expect(points.find((p) => p.code === "overrun")!.message).toMatch(/^Personal: überschritten um .* mehr als die zulässigen 20 %/);
    expect(points.find((p) => p.code === "sachbericht")!.message).toContain("Der Sachbericht fehlt");
  });
});

describe("corrections lock only after an issued Verwendungsnachweis", () => {
  it("an archived draft VN leaves drawdowns, plan items and receipts correctable; a final one refuses them in German", async () => {
    const grant = seedGrant("Musterstadt", { receiptCount: 2, title: "Sperre nur endgültig", state: "amendmentRequested" });
    const finance = await signIn("kaemmerei@musterstadt.example");
    const cdo = await signIn("cdo@musterstadt.example");
    const id = grant.applicationId;
    const item = () => db().select().from(financePlanItems).where(eq(financePlanItems.applicationId, id)).orderBy(financePlanItems.id).get()!;
    const correctDrawdown = (requestedCents: string) => {
      const [first] = drawdownRows(id);
      return post(finance, id, { intent: "correctDrawdown", drawdownId: String(first.id), version: String(first.version), requestedOn: "01.04.2025", requestedCents, receivedOn: "15.04.2025", receivedCents: requestedCents, reason: "Tippfehler im Betrag" });
    };
    const updateItem = (description: string) => {
      const current = item();
      return post(cdo, id, { intent: "updatePlanItem", itemId: String(current.id), version: String(current.version), costCategory: current.costCategory, description, budgetYear: String(current.budgetYear), plannedCents: "12.345,67", eligible: "on" });
    };
    const receiptNow = () => db().select().from(expenditures).where(eq(expenditures.applicationId, id)).orderBy(expenditures.id).get()!;
    const correctReceipt = (purpose: string) => {
      const r = receiptNow();
      return receipts(finance, id, {
        intent: "update",
        expenditureId: String(r.id),
        version: String(r.version),
        receiptNumber: r.receiptNumber,
        receiptDate: r.receiptDate.split("-").reverse().join("."),
        payee: r.payee,
        purpose,
        costCategory: r.costCategory,
        amountCents: (r.amountCents / 100).toFixed(2).replace(".", ","),
        paidOn: r.paidOn ? r.paidOn.split("-").reverse().join(".") : "",
      });
    };

    // A draft archived before the end of the funding period, as the report archive writes it.
    archiveFinalReport(grant.municipalityId, id, { watermark: "Entwurf", documentLabel: "Verwendungsnachweis (Entwurf – Bewilligungszeitraum endet am 31.12.2026)" });
    expect((await correctDrawdown("21.000,00")).status).toBe(200);
    expect(drawdownRows(id)[0].requestedCents).toBe(2_100_000);
    expect((await updateItem("Beratung (nach Entwurf korrigiert)")).status).toBe(200);
    expect(item().description).toBe("Beratung (nach Entwurf korrigiert)");
    // A saved correction goes back to the list (redirect).
    expect((await correctReceipt("Nach dem Entwurf korrigiert")).status).toBe(302);
    expect(receiptNow().purpose).toBe("Nach dem Entwurf korrigiert");
    expect((await page(finance, id)).locked).toBe(false);

    // An issued (final) VN: the same corrections are refused with the German reason, nothing changes.
    archiveFinalReport(grant.municipalityId, id);
    const drawdown = await correctDrawdown("22.000,00");
    expect(drawdown.status).toBe(400);
    expect((await jsonBody(drawdown)).result.error[""][0]).toBe("Ein Verwendungsnachweis dieses Antrags ist archiviert: Mittelabrufe können nicht mehr erfasst, korrigiert oder storniert werden. Änderungen bitte mit dem Fördergeber abstimmen.");
    expect(drawdownRows(id)[0].requestedCents).toBe(2_100_000);
    const plan = await updateItem("Beratung (nach VN)");
    expect(plan.status).toBe(400);
    expect((await jsonBody(plan)).result.error[""][0]).toBe("Ein Verwendungsnachweis dieses Antrags ist archiviert: Finanzierungsplan und Vorsteuerabzug können nicht mehr geändert werden.");
    expect(item().description).toBe("Beratung (nach Entwurf korrigiert)");
    const late = await correctReceipt("Nach dem VN");
    expect(late.status).toBe(400);
    expect((await jsonBody(late)).result.error[""][0]).toContain("Teil eines archivierten Verwendungsnachweises");
    expect(receiptNow().purpose).toBe("Nach dem Entwurf korrigiert");
    expect((await page(finance, id)).locked).toBe(true);
  });
});
