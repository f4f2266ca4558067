import { and, desc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { archivedReports, auditLog, drawdowns, users, workflowDeadlines, workflowHistory, workflowTasks, expenditures, fundingApplications, fundingProgrammes, projects, workflowInstances } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { formatDate } from "~/utils/format";
import * as overviewRoute from "~/routes/_app.foerderung._index";
import * as calendarRoute from "~/routes/_app.foerderung.kalender";
import * as finderRoute from "~/routes/_app.foerderung.finder";
import * as catalogueRoute from "~/routes/_app.foerderung.programme._index";
import * as programmeRoute from "~/routes/_app.foerderung.programme.$programmeId._index";
import * as programmeEditRoute from "~/routes/_app.foerderung.programme.$programmeId.bearbeiten";
import * as programmeNewRoute from "~/routes/_app.foerderung.programme.neu";
import * as applicationRoute from "~/routes/_app.foerderung.antraege.$applicationId._index";
import * as receiptsRoute from "~/routes/_app.foerderung.antraege.$applicationId.belege";
import * as csvRoute from "~/routes/foerderung.antraege.$applicationId.belege[.csv]";
import * as documentRoute from "~/routes/foerderung.antraege.$applicationId.dokumente.$documentId";
import * as transitionRoute from "~/routes/ablauf.vorgaenge.$instanceId.uebergang";
import * as feedRoute from "~/routes/kalender.$token.foerderung[.ics]";
import * as dashboardRoute from "~/routes/_app._index";
import { fundingCalendarEvents } from "~/areas/funding/overview.server";
import { scanDeadlines } from "~/workflow/index.server";
import { seedGrant } from "../support/report-db";
import { type Caller, callAction, callLoader, jsonBody, signIn } from "../support/requests";

const db = () => getDb();

function musterstadtId(): number {
  return db().select({ id: projects.municipalityId }).from(projects).where(eq(projects.title, "Digitaler Bauantrag")).get()!.id;
}
function project(title: string): number {
  return db().select({ id: projects.id }).from(projects).where(eq(projects.title, title)).get()!.id;
}
function programme(namePrefix: string): number {
  return db().select().from(fundingProgrammes).all().find((p) => p.name.startsWith(namePrefix))!.id;
}
function demoApplication(): number {
  return db().select({ id: fundingApplications.id }).from(fundingApplications).where(eq(fundingApplications.title, "Digitaler Bauantrag – Digitale Kommune")).get()!.id;
}
function instanceOf(applicationId: number) {
  return db()
    .select()
    .from(workflowInstances)
    .where(and(eq(workflowInstances.subjectType, "fundingApplication"), eq(workflowInstances.subjectId, applicationId)))
    .get()!;
}
/** The refusal the transition route reports back to the page (query parameter). */
function refusal(res: Response): string {
  return new URL(res.headers.get("Location")!, "http://localhost").searchParams.get("ablaufFehler") ?? "";
}
async function fire(caller: Caller, applicationId: number, transition: string, comment?: string) {
  const instance = instanceOf(applicationId);
  return callAction(transitionRoute.action, `/ablauf/vorgaenge/${instance.id}/uebergang`, {
    caller,
    params: { instanceId: String(instance.id) },
    form: { transition, expectedVersion: String(instance.version), redirectTo: `/foerderung/antraege/${applicationId}`, ...(comment ? { comment } : {}) },
  });
}
async function post(caller: Caller, applicationId: number, form: Record<string, string>) {
  return callAction(applicationRoute.action, `/foerderung/antraege/${applicationId}`, { caller, params: { applicationId: String(applicationId) }, form });
}
async function detail(caller: Caller, applicationId: number) {
  const res = await callLoader(applicationRoute.loader, `/foerderung/antraege/${applicationId}`, { caller, params: { applicationId: String(applicationId) } });
  expect(res.status).toBe(200);
  return jsonBody(res);
}
function version(applicationId: number): string {
  return String(db().select({ v: fundingApplications.version }).from(fundingApplications).where(eq(fundingApplications.id, applicationId)).get()!.v);
}

describe("programme catalogue", () => {
  it("shows the shared examples and the Kommune's own programme, but not another Kommune's", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const list = await jsonBody(await callLoader(catalogueRoute.loader, "/foerderung/programme", { caller: cdo }));
    const names = list.programmes.map((p: { name: string }) => p.name);
    expect(names).toContain("Digitale Kommune – Verwaltungsleistungen online (Beispiel)");
    expect(names).toContain("Bürgerstiftung: Digitale Teilhabe (eigenes Programm, Beispiel)");
    expect(list.programmes.every((p: { isExample: boolean }) => p.isExample)).toBe(true);

    const other = await signIn("cdo@kleinhausen.example");
    const otherList = await jsonBody(await callLoader(catalogueRoute.loader, "/foerderung/programme", { caller: other }));
    expect(otherList.programmes.map((p: { name: string }) => p.name)).not.toContain("Bürgerstiftung: Digitale Teilhabe (eigenes Programm, Beispiel)");
    const own = programme("Bürgerstiftung");
    const res = await callLoader(programmeRoute.loader, `/foerderung/programme/${own}`, { caller: other, params: { programmeId: String(own) } });
    expect(res.status).toBe(404);
    const edit = await callLoader(programmeEditRoute.loader, `/foerderung/programme/${own}/bearbeiten`, { caller: other, params: { programmeId: String(own) } });
    expect(edit.status).toBe(404);
    const editPost = await callAction(programmeEditRoute.action, `/foerderung/programme/${own}/bearbeiten`, { caller: other, params: { programmeId: String(own) }, form: { name: "x" } });
    expect(editPost.status).toBe(404);
  });

  it("lets the Kommune add its own programme, validates in German, and keeps the shared catalogue to platform admins", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const base = { version: "0", funder: "Land (Test)", name: "Testprogramm", fundingType: "share", ancillaryProvisions: "ANBest-Gk", roundingRule: "euroDown", drawdownWindowMonths: "2", finalReportMonths: "6", permittedDeviationBp: "20", totalOverrunToleranceBp: "10", reclaimInterestBp: "5" };
    const bad = await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: cdo, form: { ...base, rateBp: "120", windowCloses: "31.02.2026" } });
    expect(bad.status).toBe(400);
    const body = await jsonBody(bad);
    expect(body.error.rateBp[0]).toContain("kein Prozentsatz zwischen 0 und 100");
    expect(body.error.windowCloses[0]).toContain("kein gültiges Datum");
    const shared = await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: cdo, form: { ...base, rateBp: "50", shared: "on" } });
    expect(shared.status).toBe(403);
    const ok = await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: cdo, form: { ...base, rateBp: "65,5", fieldsOfAction: "Bildung, Mobilität" } });
    expect(ok.status).toBe(302);
    const created = db().select().from(fundingProgrammes).where(eq(fundingProgrammes.name, "Testprogramm")).get()!;
    expect(created).toMatchObject({ municipalityId: musterstadtId(), rateBp: 6550, fieldsOfAction: ["Bildung", "Mobilität"] });
    const editParams = { programmeId: String(created.id) };
    const edited = await callAction(programmeEditRoute.action, `/foerderung/programme/${created.id}/bearbeiten`, { caller: cdo, params: editParams, form: { ...base, version: "1", rateBp: "70" } });
    expect(edited.status).toBe(302);
    const stale = await callAction(programmeEditRoute.action, `/foerderung/programme/${created.id}/bearbeiten`, { caller: cdo, params: editParams, form: { ...base, version: "1", rateBp: "80" } });
    expect(stale.status).toBe(409);
    expect(db().select().from(fundingProgrammes).where(eq(fundingProgrammes.id, created.id)).get()!.rateBp).toBe(7000);
    const council = await signIn("rat@musterstadt.example");
    expect((await callAction(programmeEditRoute.action, `/foerderung/programme/${created.id}/bearbeiten`, { caller: council, params: editParams, form: { ...base, version: "2", rateBp: "80" } })).status).toBe(403);
    const catalogue = programme("Digitale Kommune");
    expect((await callLoader(programmeEditRoute.loader, `/foerderung/programme/${catalogue}/bearbeiten`, { caller: cdo, params: { programmeId: String(catalogue) } })).status).toBe(403);
    const admin = await signIn("admin@fahrplan.example");
    const adminShared = await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: admin, form: { ...base, name: "Gemeinsam", rateBp: "50", shared: "on" } });
    expect(adminShared.status).toBe(302);
    expect(db().select().from(fundingProgrammes).where(eq(fundingProgrammes.name, "Gemeinsam")).get()!.municipalityId).toBeNull();
  });
});

describe("funding finder", () => {
  it("ranks programmes for a project with German explanations", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = project("Online-Terminvergabe Bürgeramt");
    const res = await callLoader(finderRoute.loader, `/foerderung/finder?projekt=${id}&eigenmittel=100.000`, { caller: cdo });
    const data = await jsonBody(res);
    expect(data.matches[0].fits).toBe(true);
    const federal = data.matches.find((m: { name: string }) => m.name.startsWith("Digitale Kommune"));
    expect(federal.fits).toBe(true);
    expect(federal.criteria[0].text).toBe("passt: Handlungsfeld „Bürgerservice und Verwaltungsleistungen“ wird gefördert");
    const school = data.matches.find((m: { name: string }) => m.name.startsWith("Digitale Bildungsinfrastruktur"));
    expect(school.criteria.map((c: { text: string }) => c.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^passt nicht: Antragsfrist abgelaufen am 31\.03\.\d{4}$/)]));
    const village = data.matches.find((m: { name: string }) => m.name.startsWith("Smart-Village"));
    expect(village.fits).toBe(false);
    expect(village.criteria.map((c: { text: string }) => c.text).join(" ")).toContain("Städte sind nicht antragsberechtigt");
  });

  it("does not show another Kommune's project and refuses to start an application for it", async () => {
    const other = await signIn("cdo@kleinhausen.example");
    const id = project("Digitaler Bauantrag");
    const data = await jsonBody(await callLoader(finderRoute.loader, `/foerderung/finder?projekt=${id}`, { caller: other }));
    expect(data.selected).toBeNull();
    const res = await callAction(finderRoute.action, "/foerderung/finder", { caller: other, form: { projectId: String(id), programmeId: String(programme("Digitale Kommune")) } });
    expect(res.status).toBe(404);
    const own = programme("Bürgerstiftung");
    const kProject = project("Kleinhausen: EfA-Leistungen übernehmen");
    const res2 = await callAction(finderRoute.action, "/foerderung/finder", { caller: other, form: { projectId: String(kProject), programmeId: String(own) } });
    expect(res2.status).toBe(404);
  });
});

describe("application path", () => {
  it("runs from the finder through internal review (four-eyes, Kämmerei), decision, drawdown and expenditures", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const finance = await signIn("kaemmerei@musterstadt.example");
    const viewer = await signIn("rat@musterstadt.example");
    const lead = await signIn("projektleitung@musterstadt.example");

    const started = await callAction(finderRoute.action, "/foerderung/finder", {
      caller: cdo,
      form: { projectId: String(project("Online-Terminvergabe Bürgeramt")), programmeId: String(programme("Digitale Kommune")) },
    });
    expect(started.status).toBe(302);
    const id = Number(started.headers.get("Location")!.split("/").pop());
    let page = await detail(cdo, id);
    expect(page.state.name).toBe("drafting");
    expect(page.deadlines.map((d: { key: string }) => d.key)).toEqual(["funding.applicationWindow"]);

    // Finance plan: invalid input saves nothing and answers in German.
    const badItem = await post(cdo, id, { intent: "addPlanItem", costCategory: "externalServices", description: "", budgetYear: "1999", plannedCents: "abc" });
    expect(badItem.status).toBe(400);
    const badBody = await jsonBody(badItem);
    expect(badBody.result.error.description).toEqual(["Bitte die Kostenposition beschreiben."]);
    expect(badBody.result.error.plannedCents[0]).toContain("kein gültiger Betrag");
    expect(badBody.result.error.budgetYear[0]).toContain("zwischen 2000 und 2100");
    expect((await post(viewer, id, { intent: "addPlanItem", costCategory: "materials", description: "x", budgetYear: "2026", plannedCents: "100" })).status).toBe(403);
    const added = await post(cdo, id, { intent: "addPlanItem", costCategory: "personnel", description: "Projektleitung", budgetYear: "2026", plannedCents: "10.000,00", eligible: "on" });
    expect(added.status).toBe(200);
    page = await detail(cdo, id);
    expect(page.financing.ineligibleCents).toBe(1_000_000);
    expect(page.financing.grantCents + page.financing.ownContributionCents + page.financing.thirdPartyFundsCents).toBe(page.financing.totalCents);
    expect(page.splitChart).toContain("<svg");

    // Internal review: requested by the CDO.
    expect((await fire(cdo, id, "requestInternalReview")).status).toBe(302);
    // Nobody but the Kämmerei may confirm the own contribution.
    for (const who of [cdo, lead, viewer]) {
      expect((await post(who, id, { intent: "confirmOwnContribution", version: version(id), budgetRef: "HH 1" })).status).toBe(403);
    }
    // The approver must not be the requester, and the own contribution must be confirmed first.
    const early = await fire(finance, id, "submit");
    expect(refusal(early)).toContain("Bestätigung des Eigenanteils");
    expect((await post(finance, id, { intent: "confirmOwnContribution", version: version(id), budgetRef: "HH 11.1.01 / 7831000" })).status).toBe(200);
    const sameperson = await fire(cdo, id, "submit");
    expect(refusal(sameperson)).toMatch(/Vier-Augen|andere Person|nicht dieselbe/);
    expect(instanceOf(id).state).toBe("internalReview");
    expect((await fire(finance, id, "submit")).status).toBe(302);
    expect(instanceOf(id).state).toBe("submitted");
    expect((await post(cdo, id, { intent: "addPlanItem", costCategory: "materials", description: "x", budgetYear: "2026", plannedCents: "100" })).status).toBe(400);

    // Decision with German validation, then granted.
    const badDecision = await post(cdo, id, { intent: "decision", outcome: "granted", version: version(id), decisionDate: "01.13.2026" });
    expect(badDecision.status).toBe(400);
    const decisionErrors = (await jsonBody(badDecision)).result.error;
    expect(decisionErrors.fileNumber).toEqual(["Bitte das Aktenzeichen angeben."]);
    expect(decisionErrors.decisionDate[0]).toContain("kein gültiges Datum");
    expect((await post(lead, id, { intent: "decision", outcome: "rejected", version: version(id), decisionDate: "01.05.2026", rejectionReason: "x" })).status).toBe(403);
    const badPeriod = await post(cdo, id, {
      intent: "decision",
      outcome: "granted",
      version: version(id),
      fileNumber: "AZ-1",
      decisionDate: "15.01.2026",
      grantedCents: "20.000,00",
      fundingPeriodStart: "01.12.2027",
      fundingPeriodEnd: "30.11.2026",
    });
    expect(badPeriod.status).toBe(400);
    expect((await jsonBody(badPeriod)).result.error.fundingPeriodEnd).toEqual(["Das Ende des Bewilligungszeitraums muss nach dem Beginn (01.12.2027) liegen."]);
    const granted = await post(cdo, id, {
      intent: "decision",
      outcome: "granted",
      version: version(id),
      fileNumber: "AZ-1",
      decisionDate: "15.01.2026",
      grantedCents: "20.000,00",
      fundingPeriodStart: "01.02.2026",
      fundingPeriodEnd: "31.12.2027",
    });
    expect(granted.status).toBe(200);
    expect(instanceOf(id).state).toBe("approved");
    page = await detail(cdo, id);
    const keys = page.deadlines.map((d: { key: string }) => d.key);
    expect(keys).toEqual(expect.arrayContaining(["funding.fundingPeriodEnd", "funding.finalReport", "funding.interimReport:2026"]));
    expect(keys).not.toContain("funding.applicationWindow");
    expect(page.deadlines.find((d: { key: string }) => d.key === "funding.finalReport").dueDate).toBe("2028-06-30");
    expect((await fire(cdo, id, "startImplementation")).status).toBe(302);
    // The final-report deadline follows the programme's rule only (the definition has none of its own).
    const afterStart = (await detail(cdo, id)).deadlines.map((d: { key: string }) => d.key);
    expect(afterStart.filter((k: string) => k.endsWith("finalReport"))).toEqual(["funding.finalReport"]);

    // Drawdown: the spending-window warning stops the first attempt; confirmed, it is saved.
    const plannedTotal = page.financing.totalCents;
    const warned = await post(finance, id, { intent: "drawdown", requestedOn: "01.03.2026", requestedCents: "20.000,00", plannedPaymentsCents: "1.000,00" });
    expect(warned.status).toBe(400);
    const warnedBody = await jsonBody(warned);
    expect(warnedBody.warnings[0]).toContain("übersteigt den Bedarf: Für die in den nächsten 2 Monaten fälligen Zahlungen");
    expect((await detail(cdo, id)).drawdowns).toHaveLength(0);
    expect((await post(viewer, id, { intent: "drawdown", requestedOn: "01.03.2026", requestedCents: "1,00", plannedPaymentsCents: "1,00" })).status).toBe(403);
    // Hard limits: never above the grant, never before the decision, and no override without a reason.
    const aboveGrant = await post(finance, id, { intent: "drawdown", requestedOn: "01.03.2026", requestedCents: "20.000,01", plannedPaymentsCents: "40.000,00", confirmWarnings: "on", overrideReason: "dringend" });
    expect(aboveGrant.status).toBe(400);
    expect((await jsonBody(aboveGrant)).result.error.requestedCents[0]).toMatch(/^Höchstens 20\.000,00\s€ können noch abgerufen werden/);
    const beforeDecision = await post(finance, id, { intent: "drawdown", requestedOn: "14.01.2026", requestedCents: "1,00", plannedPaymentsCents: "2,00", confirmWarnings: "on", overrideReason: "x" });
    expect((await jsonBody(beforeDecision)).result.error.requestedOn).toEqual(["Der Abruf liegt vor dem Zuwendungsbescheid vom 15.01.2026."]);
    // The written reason of the override is its own field; a note on earlier funds is not one.
    const noReason = await post(finance, id, { intent: "drawdown", requestedOn: "01.03.2026", requestedCents: "5.000,00", plannedPaymentsCents: "1.000,00", confirmWarnings: "on", note: "Rechnung folgt" });
    expect((await jsonBody(noReason)).result.error.overrideReason).toEqual(["Bitte begründen Sie, warum trotz Hinweis abgerufen wird."]);
    expect((await detail(cdo, id)).drawdowns).toHaveLength(0);
    const ok = await post(finance, id, { intent: "drawdown", requestedOn: "01.03.2026", requestedCents: "5.000,00", plannedPaymentsCents: "1.000,00", confirmWarnings: "on", overrideReason: "Schlussrechnung der IT GmbH ist angekündigt" });
    expect((await jsonBody(ok)).message).toBe("Der Mittelabruf wurde trotz Hinweis erfasst.");
    expect(db().select().from(drawdowns).where(eq(drawdowns.applicationId, id)).get()).toMatchObject({ overrideReason: "Schlussrechnung der IT GmbH ist angekündigt", note: null });
    const overrideAudit = lastAudit("drawdown", db().select().from(drawdowns).where(eq(drawdowns.applicationId, id)).get()!.id)!;
    expect(overrideAudit.action).toBe("create_override");
    expect(JSON.parse(overrideAudit.changes).changes).toMatchObject({ overrideReason: { to: "Schlussrechnung der IT GmbH ist angekündigt" } });
    page = await detail(cdo, id);
    const drawdown = page.drawdowns[0];
    expect((await post(finance, id, { intent: "drawdownReceived", drawdownId: String(drawdown.id), version: String(drawdown.version), receivedOn: "10.03.2026", receivedCents: "5.000,00" })).status).toBe(200);
    page = await detail(cdo, id);
    expect(page.money.receivedCents).toBe(500_000);
    expect(page.money.unspentReceivedCents).toBe(500_000);
    expect(page.deadlines.map((d: { key: string }) => d.key)).toContain(`funding.drawdownSpending:${drawdown.id}`);

    // Expenditures: form entry, then a CSV import with errors (nothing saved), then a clean one.
    const receipts = (form: Record<string, string>) =>
      callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, { caller: finance, params: { applicationId: String(id) }, form });
    const added1 = await receipts({ intent: "add", receiptNumber: "B-1", receiptDate: "05.03.2026", payee: "IT GmbH", purpose: "Einrichtung", costCategory: "externalServices", amountCents: "11.900,00", netCents: "10.000,00", vatCents: "1.900,00", paidOn: "20.03.2026" });
    expect(added1.status).toBe(200);
    const duplicate = await receipts({ intent: "add", receiptNumber: "B-1", receiptDate: "05.03.2026", payee: "IT GmbH", purpose: "x", costCategory: "externalServices", amountCents: "1,00" });
    expect((await jsonBody(duplicate)).result.error.receiptNumber).toEqual(["Belegnummer „B-1“ ist bereits erfasst."]);
    const header = "Belegnummer;Belegdatum;Zahlungsempfänger;Zweck;Kostenart;Betrag brutto;Netto;Umsatzsteuer;Bezahlt am";
    const csvForm = (content: string) => {
      const form = new FormData();
      form.set("intent", "import");
      form.set("file", new File([content], "belege.csv", { type: "text/csv" }));
      return form;
    };
    const before = db().select().from(expenditures).where(eq(expenditures.applicationId, id)).all().length;
    const badImport = await callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, {
      caller: finance,
      params: { applicationId: String(id) },
      form: csvForm(`${header}\nB-2;06.03.2026;Händler;Tablets;Investitionen;500,00;;;\nB-3;99.03.2026;Händler;Tablets;Investitionen;500,00;;;`),
    });
    expect(badImport.status).toBe(400);
    expect((await jsonBody(badImport)).importErrors).toEqual(["Zeile 3: Belegdatum „99.03.2026“ ist kein gültiges Datum (TT.MM.JJJJ)."]);
    expect(db().select().from(expenditures).where(eq(expenditures.applicationId, id)).all().length).toBe(before);
    const goodImport = await callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, {
      caller: finance,
      params: { applicationId: String(id) },
      form: csvForm(`\uFEFF${header}\r\nB-2;06.03.2026;Händler;Tablets;Investitionen;500,00;;;\r\nB-3;09.03.2026;Händler;Personalkosten;Personal;20.000,00;;;`),
    });
    expect((await jsonBody(goodImport)).imported).toBe(2);

    const list = await jsonBody(await callLoader(receiptsRoute.loader, `/foerderung/antraege/${id}/belege?sortierung=amountCents&richtung=absteigend&kostenart=investments`, { caller: viewer, params: { applicationId: String(id) } }));
    expect(list.list.count).toBe(1);
    expect(list.list.rows[0].receiptNumber).toBe("B-2");
    expect(list.canRecord).toBe(false);
    const csv = await callLoader(csvRoute.loader, `/foerderung/antraege/${id}/belege.csv`, { caller: viewer, params: { applicationId: String(id) } });
    const csvBytes = new Uint8Array(await csv.arrayBuffer());
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvText = new TextDecoder().decode(csvBytes);
    expect(csvText.startsWith("Belegnummer;")).toBe(true);
    expect(csvText).toContain("B-1;05.03.2026;IT GmbH;Einrichtung;Fremdleistungen;11900,00;10000,00;1900,00;20.03.2026");

    page = await detail(cdo, id);
    const personnel = page.comparison.rows.find((r: { costCategory: string }) => r.costCategory === "personnel");
    expect(personnel.flag).toBe("exceeded");
    expect(personnel.message).toContain("mehr als die zulässigen 20 %");
    expect(page.comparison.total.actualCents).toBe(1_190_000 + 50_000 + 2_000_000);
    expect(plannedTotal).toBeGreaterThan(0);

    // The overview, the calendar and the iCal export see the deadlines and amounts.
    const overview = await jsonBody(await callLoader(overviewRoute.loader, "/foerderung", { caller: viewer }));
    expect(overview.totals.grantedCents).toBeGreaterThanOrEqual(2_000_000 + 16_575_000);
    expect(overview.charts.pipelineChart).toContain("<svg");
    const calendar = await jsonBody(await callLoader(calendarRoute.loader, "/foerderung/kalender", { caller: cdo }));
    expect(calendar.months.flatMap((m: { items: { label: string }[] }) => m.items.map((i) => i.label)).join(" ")).toContain("Verwendungsnachweis");
    expect(fundingCalendarEvents({ municipalityId: musterstadtId() }, cdo.userId).some((e) => e.summary.includes("Ende des Bewilligungszeitraums"))).toBe(true);

    // Reclaim: amount and interest start recorded, workflow moves on, interest accrues (base rate + 5 points).
    expect((await post(lead, id, { intent: "reclaim", version: version(id), reclaimCents: "1.000,00", reclaimSince: "01.01.2026", reason: "x" })).status).toBe(403);
    const reclaim = await post(cdo, id, { intent: "reclaim", version: version(id), reclaimCents: "1.000,00", reclaimSince: "01.01.2026", reason: "Zweck teilweise verfehlt" });
    expect(reclaim.status).toBe(200);
    expect(instanceOf(id).state).toBe("reclaim");
    expect((await detail(cdo, id)).reclaimInterestCents).toBeGreaterThan(0);

    const audits = db().select().from(auditLog).where(eq(auditLog.entityId, String(id))).orderBy(desc(auditLog.id)).all();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["create", "confirm_own_contribution", "record_grant"]));
  });

  it("detects a concurrent edit through the version", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = demoApplication();
    const stale = String(Number(version(id)) - 1 || 99);
    const res = await post(cdo, id, { intent: "basics", version: stale, title: "Neu", thirdPartyFundsCents: "0,00" });
    expect(res.status).toBe(409);
    expect((await jsonBody(res)).result.error[""][0]).toContain("inzwischen von jemand anderem geändert");
  });

  it("keeps staff out of funding and viewers read-only", async () => {
    const staff = await signIn("mitarbeiter@musterstadt.example");
    expect((await callLoader(overviewRoute.loader, "/foerderung", { caller: staff })).status).toBe(403);
    const viewer = await signIn("rat@musterstadt.example");
    const id = demoApplication();
    const page = await detail(viewer, id);
    expect(page.permissions).toMatchObject({ edit: false, approve: false, record: false, confirmOwnContribution: false });
    expect((await post(viewer, id, { intent: "basics", version: version(id), title: "x" })).status).toBe(403);
    expect((await callAction(finderRoute.action, "/foerderung/finder", { caller: viewer, form: { projectId: "1", programmeId: "1" } })).status).toBe(403);
  });
});

describe("documents", () => {
  const pdf = () => new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a])], "Finanzierungsplan.pdf", { type: "application/pdf" });
  const upload = (caller: Caller, id: number, file: File) => {
    const form = new FormData();
    form.set("intent", "upload");
    form.set("documentType", "financePlan");
    form.set("file", file);
    return callAction(applicationRoute.action, `/foerderung/antraege/${id}`, { caller, params: { applicationId: String(id) }, form });
  };

  it("stores a PDF by content hash, refuses wrong types with a German message and serves it only to its Kommune", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = demoApplication();
    expect((await upload(cdo, id, pdf())).status).toBe(200);
    const exe = await upload(cdo, id, new File([new Uint8Array([0x4d, 0x5a, 0x90])], "setup.exe"));
    expect(exe.status).toBe(400);
    expect((await jsonBody(exe)).result.error.file[0]).toContain("Dateityp „.exe“ ist nicht erlaubt");
    const fake = await upload(cdo, id, new File([new TextEncoder().encode("<html>")], "rechnung.pdf"));
    expect((await jsonBody(fake)).result.error.file[0]).toContain("passt nicht zur Endung „.pdf“");
    const page = await detail(cdo, id);
    expect(page.documents).toHaveLength(1);
    const docId = String(page.documents[0].id);
    expect(page.documents[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const ok = await callLoader(documentRoute.loader, `/foerderung/antraege/${id}/dokumente/${docId}`, { caller: cdo, params: { applicationId: String(id), documentId: docId } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("application/pdf");
    expect(new Uint8Array(await ok.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0x25, 0x50, 0x44, 0x46]));
    // A receipt links to the stored document; a document id of no document of this application is refused.
    const receipt = (documentId: string, receiptNumber: string) =>
      callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, {
        caller: cdo,
        params: { applicationId: String(id) },
        form: { intent: "add", receiptNumber, receiptDate: "01.06.2026", payee: "Firma", purpose: "Rechnung", costCategory: "materials", amountCents: "100,00", documentId },
      });
    const wrongDoc = await jsonBody(await receipt("999999", "D-2"));
    expect(wrongDoc.result.error.documentId).toEqual(["Dieses Dokument gehört nicht zu diesem Antrag."]);
    expect((await receipt(docId, "D-1")).status).toBe(200);
    const linked = await jsonBody(await callLoader(receiptsRoute.loader, `/foerderung/antraege/${id}/belege?suche=D-1`, { caller: cdo, params: { applicationId: String(id) } }));
    expect(linked.list.rows[0].documentId).toBe(Number(docId));
    const other = await signIn("cdo@kleinhausen.example");
    const denied = await callLoader(documentRoute.loader, `/foerderung/antraege/${id}/dokumente/${docId}`, { caller: other, params: { applicationId: String(id), documentId: docId } });
    expect(denied.status).toBe(404);
    expect((await upload(other, id, pdf())).status).toBe(404);
  });
});

describe("cross-Kommune access", () => {
  it("answers 404 for every application route of another Kommune", async () => {
    const other = await signIn("cdo@kleinhausen.example");
    const id = String(demoApplication());
    const params = { applicationId: id };
    expect((await callLoader(applicationRoute.loader, `/foerderung/antraege/${id}`, { caller: other, params })).status).toBe(404);
    expect((await callAction(applicationRoute.action, `/foerderung/antraege/${id}`, { caller: other, params, form: { intent: "basics", version: "1", title: "x" } })).status).toBe(404);
    expect((await callLoader(receiptsRoute.loader, `/foerderung/antraege/${id}/belege`, { caller: other, params })).status).toBe(404);
    expect((await callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, { caller: other, params, form: { intent: "add" } })).status).toBe(404);
    expect((await callLoader(csvRoute.loader, `/foerderung/antraege/${id}/belege.csv`, { caller: other, params })).status).toBe(404);
    expect((await callLoader(documentRoute.loader, `/foerderung/antraege/${id}/dokumente/1`, { caller: other, params: { ...params, documentId: "1" } })).status).toBe(404);
    const overview = await jsonBody(await callLoader(overviewRoute.loader, "/foerderung", { caller: other }));
    expect(overview.applications).toEqual([]);
    const calendar = await jsonBody(await callLoader(calendarRoute.loader, "/foerderung/kalender", { caller: other }));
    expect(calendar.months).toEqual([]);
  });
});

describe("deadlines in the calendar feed and on the dashboard", () => {
  it("reminds the responsible role through the workflow scheduler (Meine Aufgaben)", () => {
    const deadline = db()
      .select()
      .from(workflowDeadlines)
      .where(and(eq(workflowDeadlines.subjectType, "fundingApplication"), eq(workflowDeadlines.key, "funding.finalReport"), eq(workflowDeadlines.subjectId, demoApplication())))
      .get()!;
    scanDeadlines(db(), deadline.remindDate);
    const tasks = db().select().from(workflowTasks).where(eq(workflowTasks.deadlineId, deadline.id)).all();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assigneeRole: "cdo", status: "open", link: `/foerderung/antraege/${demoApplication()}` });
  });

  it("serves the Kommune's funding deadlines as all-day iCal events behind the secret token", async () => {
    const token = "t".repeat(32);
    db().update(users).set({ calendarToken: token }).where(eq(users.email, "kaemmerei@musterstadt.example")).run();
    const res = await callLoader(feedRoute.loader, `/kalender/${token}/foerderung.ics`, { params: { token } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain("BEGIN:VCALENDAR");
    expect(text).toMatch(/DTSTART;VALUE=DATE:\d{8}/);
    expect(text).toContain("Frist: Verwendungsnachweis");
    expect((await callLoader(feedRoute.loader, `/kalender/${"x".repeat(32)}/foerderung.ics`, { params: { token: "x".repeat(32) } })).status).toBe(404);
  });

  it("shows funding figures and the next deadlines on the CDO dashboard", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const data = await jsonBody(await callLoader(dashboardRoute.loader, "/", { caller: cdo }));
    expect(data.funding.totals.grantedCents).toBeGreaterThanOrEqual(16_575_000);
    expect(data.funding.deadlines.length).toBeGreaterThan(0);
    const other = await jsonBody(await callLoader(dashboardRoute.loader, "/", { caller: await signIn("cdo@kleinhausen.example") }));
    expect(other.funding.totals.grantedCents).toBe(0);
  });
});

function lastAudit(entity: string, entityId: number | string) {
  return db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, String(entityId))))
    .orderBy(desc(auditLog.id))
    .limit(1)
    .get();
}
function history(applicationId: number) {
  return db().select().from(workflowHistory).where(eq(workflowHistory.instanceId, instanceOf(applicationId).id)).orderBy(workflowHistory.id).all();
}
/** The live (open, due or overdue) deadline with this key. */
function openDeadline(applicationId: number, key: string) {
  return db()
    .select()
    .from(workflowDeadlines)
    .where(and(eq(workflowDeadlines.subjectType, "fundingApplication"), eq(workflowDeadlines.subjectId, applicationId), eq(workflowDeadlines.key, key), inArray(workflowDeadlines.status, ["open", "due", "overdue"])))
    .get();
}

describe("correcting and deleting receipts (Belege)", () => {
  const receiptForm = (e: typeof expenditures.$inferSelect, overrides: Record<string, string> = {}) => ({
    intent: "update",
    expenditureId: String(e.id),
    version: String(e.version),
    receiptNumber: e.receiptNumber,
    receiptDate: e.receiptDate.split("-").reverse().join("."),
    payee: e.payee,
    purpose: e.purpose,
    costCategory: e.costCategory,
    amountCents: (e.amountCents / 100).toFixed(2).replace(".", ","),
    ...overrides,
  });
  const receipts = (caller: Caller, id: number, form: Record<string, string>) =>
    callAction(receiptsRoute.action, `/foerderung/antraege/${id}/belege`, { caller, params: { applicationId: String(id) }, form });
  const rows = (id: number) => db().select().from(expenditures).where(eq(expenditures.applicationId, id)).orderBy(expenditures.id).all();

  it("lets finance correct every field with a version check and German messages, audited", async () => {
    const finance = await signIn("kaemmerei@musterstadt.example");
    const id = demoApplication();
    const [first, second] = rows(id);
    const page = await jsonBody(await callLoader(receiptsRoute.loader, `/foerderung/antraege/${id}/belege?bearbeiten=${first.id}`, { caller: finance, params: { applicationId: String(id) } }));
    expect(page.canCorrect).toBe(true);
    expect(page.editing).toMatchObject({ id: first.id, receiptNumber: first.receiptNumber });

    const bad = await receipts(finance, id, receiptForm(first, { receiptDate: "31.02.2026", amountCents: "abc" }));
    expect(bad.status).toBe(400);
    const badBody = await jsonBody(bad);
    expect(badBody.result.error.receiptDate[0]).toContain("kein gültiges Datum");
    expect(badBody.result.error.amountCents[0]).toContain("kein gültiger Betrag");
    const dup = await receipts(finance, id, receiptForm(first, { receiptNumber: second.receiptNumber }));
    expect((await jsonBody(dup)).result.error.receiptNumber).toEqual([`Belegnummer „${second.receiptNumber}“ ist bereits erfasst.`]);

    // Moved before the funding period (the demo's starts seven months ago): refused, nothing saved.
    const app = db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()!;
    const outside = await receipts(finance, id, receiptForm(first, { receiptDate: "02.02.2020", paidOn: "03.02.2020" }));
    expect(outside.status).toBe(400);
    expect((await jsonBody(outside)).result.error.receiptDate[0]).toContain("außerhalb des Bewilligungszeitraums");
    expect(rows(id).find((r) => r.id === first.id)!.version).toBe(first.version);

    const day = formatDate(app.fundingPeriodStart!);
    const ok = await receipts(finance, id, receiptForm(first, { receiptNumber: "K-1", receiptDate: day, payee: "Korrektur GmbH", purpose: "Korrigierter Zweck", costCategory: "materials", amountCents: "119,00", netCents: "100,00", vatCents: "19,00", paidOn: day }));
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe(`/foerderung/antraege/${id}/belege?gespeichert=1`);
    const after = rows(id).find((r) => r.id === first.id)!;
    expect(after).toMatchObject({ receiptNumber: "K-1", receiptDate: app.fundingPeriodStart, payee: "Korrektur GmbH", purpose: "Korrigierter Zweck", costCategory: "materials", amountCents: 11_900, netCents: 10_000, vatCents: 1_900, paidOn: app.fundingPeriodStart, version: first.version + 1 });
    const audit = lastAudit("expenditure", first.id)!;
    expect(audit.action).toBe("update");
    expect(JSON.parse(audit.changes).changes).toMatchObject({ receiptNumber: { from: first.receiptNumber, to: "K-1" }, amountCents: { from: first.amountCents, to: 11_900 } });

    // The same stale form again: someone else changed it in between.
    const stale = await receipts(finance, id, receiptForm(first, { purpose: "Noch einmal" }));
    expect(stale.status).toBe(409);
    expect((await jsonBody(stale)).result.error[""][0]).toContain("inzwischen von jemand anderem geändert");
    expect(rows(id).find((r) => r.id === first.id)!.purpose).toBe("Korrigierter Zweck");
  });

  it("deletes a wrong receipt with its values in the audit log; refuses others and other Kommunen", async () => {
    const finance = await signIn("kaemmerei@musterstadt.example");
    const viewer = await signIn("rat@musterstadt.example");
    const lead = await signIn("projektleitung@musterstadt.example");
    const other = await signIn("cdo@kleinhausen.example");
    const id = demoApplication();
    const target = rows(id).at(-1)!;
    const form = { intent: "delete", expenditureId: String(target.id), version: String(target.version) };
    expect((await receipts(viewer, id, form)).status).toBe(403);
    expect((await receipts(lead, id, form)).status).toBe(403);
    expect((await receipts(other, id, form)).status).toBe(404);
    expect((await receipts(other, id, receiptForm(target))).status).toBe(404);
    const staleDelete = await receipts(finance, id, { ...form, version: String(target.version + 1) });
    expect(staleDelete.status).toBe(409);
    // A receipt of another application is not found through this one.
    const foreignApp = db().select({ id: fundingApplications.id }).from(fundingApplications).all().find((a) => a.id !== id)!.id;
    expect((await receipts(finance, foreignApp, form)).status).toBe(404);
    const before = rows(id).length;
    const ok = await receipts(finance, id, form);
    expect(ok.status).toBe(302);
    expect(rows(id)).toHaveLength(before - 1);
    const audit = lastAudit("expenditure", target.id)!;
    expect(audit.action).toBe("delete");
    expect(JSON.parse(audit.changes).changes).toMatchObject({ receiptNumber: { from: target.receiptNumber }, amountCents: { from: target.amountCents }, payee: { from: target.payee } });
  });

  it("refuses corrections and deletions once a Verwendungsnachweis is archived", async () => {
    const finance = await signIn("kaemmerei@musterstadt.example");
    // An own grant: the archive is append-only, and the demo application is used further on.
    const id = seedGrant("Musterstadt", { receiptCount: 2, title: "Archivierter Antrag" }).applicationId;
    db().insert(archivedReports).values({
      municipalityId: musterstadtId(),
      reportType: "verwendungsnachweis",
      subjectType: "fundingApplication",
      subjectId: id,
      title: "Verwendungsnachweis",
      filePath: "reports/x.pdf",
      sha256: "0".repeat(64),
      sizeBytes: 1,
      templateFile: "templates/verwendungsnachweis.json",
      dataSnapshot: "{}",
      generatedByLabel: "test",
    }).run();
    const target = rows(id)[0];
    const upd = await receipts(finance, id, receiptForm(target, { purpose: "Nachträglich" }));
    expect(upd.status).toBe(400);
    expect((await jsonBody(upd)).result.error[""][0]).toContain("Teil eines archivierten Verwendungsnachweises");
    const del = await receipts(finance, id, { intent: "delete", expenditureId: String(target.id), version: String(target.version) });
    expect(del.status).toBe(400);
    expect(rows(id).find((r) => r.id === target.id)).toMatchObject({ purpose: target.purpose, version: target.version });
    const page = await jsonBody(await callLoader(receiptsRoute.loader, `/foerderung/antraege/${id}/belege?bearbeiten=${target.id}`, { caller: finance, params: { applicationId: String(id) } }));
    expect(page.canCorrect).toBe(false);
    expect(page.editing).toBeNull();
    expect(page.lockedMessage).toContain("archivierten Verwendungsnachweises");
  });
});

describe("deleting funding programmes", () => {
  const base = { version: "0", funder: "Land (Test)", fundingType: "share", ancillaryProvisions: "ANBest-Gk", roundingRule: "euroDown", drawdownWindowMonths: "2", finalReportMonths: "6", permittedDeviationBp: "20", totalOverrunToleranceBp: "10", reclaimInterestBp: "5", rateBp: "50" };
  const remove = (caller: Caller, programmeId: number, version: number) =>
    callAction(programmeRoute.action, `/foerderung/programme/${programmeId}`, { caller, params: { programmeId: String(programmeId) }, form: { intent: "delete", version: String(version) } });
  const row = (name: string) => db().select().from(fundingProgrammes).where(eq(fundingProgrammes.name, name)).get();

  it("deletes an unused own programme (audited), refuses one in use with a German explanation, and hides others' programmes", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const viewer = await signIn("rat@musterstadt.example");
    const other = await signIn("cdo@kleinhausen.example");
    await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: cdo, form: { ...base, name: "Unbenutzt" } });
    const unused = row("Unbenutzt")!;
    expect((await remove(viewer, unused.id, unused.version)).status).toBe(403);
    expect((await remove(other, unused.id, unused.version)).status).toBe(404);
    expect((await remove(cdo, unused.id, unused.version + 1)).status).toBe(409);
    const ok = await remove(cdo, unused.id, unused.version);
    expect(ok.status).toBe(302);
    expect(row("Unbenutzt")).toBeUndefined();
    const audit = lastAudit("fundingProgramme", unused.id)!;
    expect(audit.action).toBe("delete");
    expect(JSON.parse(audit.changes).changes).toMatchObject({ name: { from: "Unbenutzt" }, rateBp: { from: 5000 } });

    const own = programme("Bürgerstiftung");
    const started = await callAction(finderRoute.action, "/foerderung/finder", { caller: cdo, form: { projectId: String(project("Digitaler Bauantrag")), programmeId: String(own) } });
    expect(started.status).toBe(302);
    const ownRow = db().select().from(fundingProgrammes).where(eq(fundingProgrammes.id, own)).get()!;
    const refused = await remove(cdo, own, ownRow.version);
    expect(refused.status).toBe(400);
    expect((await jsonBody(refused)).message).toMatch(/kann nicht gelöscht werden, weil (ein Förderantrag es verwendet|\d+ Förderanträge es verwenden)/);
    expect(db().select().from(fundingProgrammes).where(eq(fundingProgrammes.id, own)).get()).toBeDefined();
  });

  it("lets only platform admins delete shared programmes, under the same rule", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const admin = await signIn("admin@fahrplan.example");
    await callAction(programmeNewRoute.action, "/foerderung/programme/neu", { caller: admin, form: { ...base, name: "Gemeinsam unbenutzt", shared: "on" } });
    const shared = row("Gemeinsam unbenutzt")!;
    expect(shared.municipalityId).toBeNull();
    const notAdmin = await remove(cdo, shared.id, shared.version);
    expect(notAdmin.status).toBe(403);
    expect((await jsonBody(notAdmin)).message).toContain("Nur die Plattform-Administration");
    expect((await remove(admin, shared.id, shared.version)).status).toBe(302);
    expect(row("Gemeinsam unbenutzt")).toBeUndefined();
    const used = db().select().from(fundingProgrammes).where(eq(fundingProgrammes.id, programme("Digitale Kommune"))).get()!;
    const refused = await remove(admin, used.id, used.version);
    expect(refused.status).toBe(400);
    expect((await jsonBody(refused)).message).toContain("Förderanträge es verwenden");
  });
});

describe("amendment requests and withdrawal through the workflow", () => {
  it("requests an amendment, adapts the finance plan, records the granted amendment with new period and refreshed deadlines", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const finance = await signIn("kaemmerei@musterstadt.example");
    const lead = await signIn("projektleitung@musterstadt.example");
    const id = demoApplication();
    expect(instanceOf(id).state).toBe("inProgress");
    const oldEnd = db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()!.fundingPeriodEnd!;
    const oldFinal = openDeadline(id, "funding.finalReport")!.dueDate;

    // Project leads may not, and a comment (the reason) is required.
    expect(refusal(await fire(lead, id, "requestAmendment", "x"))).not.toBe("");
    expect(refusal(await fire(cdo, id, "requestAmendment"))).toMatch(/Kommentar|Begründung/);
    expect(instanceOf(id).state).toBe("inProgress");
    // A stale version is a conflict, not a second transition.
    const staleInstance = instanceOf(id);
    const res = await fire(cdo, id, "requestAmendment", "Verlängerung um sechs Monate wegen Lieferverzug");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/foerderung/antraege/${id}`);
    const stale = await callAction(transitionRoute.action, `/ablauf/vorgaenge/${staleInstance.id}/uebergang`, {
      caller: cdo,
      params: { instanceId: String(staleInstance.id) },
      form: { transition: "requestAmendment", expectedVersion: String(staleInstance.version), redirectTo: `/foerderung/antraege/${id}` },
    });
    expect(refusal(stale)).toContain("inzwischen");
    expect(instanceOf(id).state).toBe("amendmentRequested");
    const last = history(id).at(-1)!;
    expect(last).toMatchObject({ transition: "requestAmendment", toState: "amendmentRequested", comment: "Verlängerung um sechs Monate wegen Lieferverzug" });
    expect(lastAudit("workflowInstance", instanceOf(id).id)).toMatchObject({ action: "transition" });

    // While the amendment is pending the finance plan can change; the page offers the Änderungsbescheid form.
    const page = await detail(cdo, id);
    expect(page.permissions.editPlan).toBe(true);
    expect((await post(cdo, id, { intent: "addPlanItem", costCategory: "externalServices", description: "Zusätzliche Schnittstelle", budgetYear: "2027", plannedCents: "5.000,00" })).status).toBe(200);
    expect((await post(lead, id, { intent: "amendment", outcome: "granted", version: version(id), decisionDate: "01.03.2027", fundingPeriodStart: "01.01.2026", fundingPeriodEnd: "30.06.2028", grantedCents: "1,00" })).status).toBe(403);
    const bad = await post(cdo, id, { intent: "amendment", outcome: "granted", version: version(id), decisionDate: "1.3.", fundingPeriodStart: "01.01.2026", fundingPeriodEnd: "31.12.2025", grantedCents: "0" });
    expect(bad.status).toBe(400);
    const badErrors = (await jsonBody(bad)).result.error;
    expect(badErrors.decisionDate[0]).toContain("kein gültiges Datum");
    expect(badErrors.grantedCents[0]).toContain("größer als 0");
    const backwards = await post(cdo, id, { intent: "amendment", outcome: "granted", version: version(id), decisionDate: "01.03.2027", fundingPeriodStart: "01.01.2026", fundingPeriodEnd: "31.12.2025", grantedCents: "170.000,00" });
    expect((await jsonBody(backwards)).result.error.fundingPeriodEnd[0]).toContain("vor seinem Beginn");
    expect(instanceOf(id).state).toBe("amendmentRequested");

    const granted = await post(finance, id, { intent: "amendment", outcome: "granted", version: version(id), decisionDate: "01.03.2027", fundingPeriodStart: "01.01.2026", fundingPeriodEnd: "30.06.2028", grantedCents: "170.000,00", note: "Verlängerung bewilligt" });
    expect(granted.status).toBe(200);
    expect((await jsonBody(granted)).message).toContain("Fristen sind neu berechnet");
    const app = db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()!;
    expect(app).toMatchObject({ fundingPeriodEnd: "2028-06-30", grantedCents: 17_000_000 });
    expect(oldEnd).not.toBe("2028-06-30");
    expect(instanceOf(id).state).toBe("inProgress");
    expect(history(id).at(-1)).toMatchObject({ transition: "recordAmendmentDecision", toState: "inProgress", comment: "Änderungsbescheid vom 01.03.2027: Änderung bewilligt – Verlängerung bewilligt" });
    const audit = lastAudit("fundingApplication", id)!;
    expect(audit.action).toBe("record_amendment_grant");
    expect(JSON.parse(audit.changes).changes.fundingPeriodEnd).toEqual({ from: oldEnd, to: "2028-06-30" });
    // Deadlines follow the new period, by the programme's rules.
    expect(openDeadline(id, "funding.fundingPeriodEnd")!.dueDate).toBe("2028-06-30");
    expect(openDeadline(id, "funding.finalReport")!.dueDate).not.toBe(oldFinal);
    expect(openDeadline(id, "funding.finalReport")!.dueDate > "2028-06-30").toBe(true);
    expect(openDeadline(id, "state:inProgress:finalReport")).toBeUndefined();
    // Outside a pending amendment the form is refused.
    const again = await post(cdo, id, { intent: "amendment", outcome: "rejected", version: version(id), decisionDate: "01.04.2027", note: "x" });
    expect(again.status).toBe(400);
    expect((await jsonBody(again)).result.error[""][0]).toContain("solange ein Änderungsantrag gestellt ist");
  });

  it("records a rejected amendment through the panel button and keeps the period", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const finance = await signIn("kaemmerei@musterstadt.example");
    const id = demoApplication();
    const before = db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()!;
    expect((await fire(cdo, id, "requestAmendment", "Umschichtung zwischen Kostenarten")).status).toBe(302);
    const rejected = await post(finance, id, { intent: "amendment", outcome: "rejected", version: version(id), decisionDate: "01.05.2027", note: "Umschichtung nicht zulässig" });
    expect(rejected.status).toBe(200);
    expect(instanceOf(id).state).toBe("inProgress");
    expect(db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()).toMatchObject({ fundingPeriodEnd: before.fundingPeriodEnd, grantedCents: before.grantedCents });
    expect(lastAudit("fundingApplication", id)!.action).toBe("record_amendment_rejection");
    // The panel's own button (without amended values) works too.
    expect((await fire(cdo, id, "requestAmendment", "Noch ein Versuch")).status).toBe(302);
    expect((await fire(finance, id, "recordAmendmentDecision", "Telefonisch abgelehnt")).status).toBe(302);
    expect(instanceOf(id).state).toBe("inProgress");
    expect(history(id).at(-1)).toMatchObject({ transition: "recordAmendmentDecision", comment: "Telefonisch abgelehnt" });
  });

  it("withdraws an application before the decision (comment required, approvers only) and cancels its deadlines", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const lead = await signIn("projektleitung@musterstadt.example");
    const other = await signIn("cdo@kleinhausen.example");
    const started = await callAction(finderRoute.action, "/foerderung/finder", {
      caller: cdo,
      form: { projectId: String(project("Online-Terminvergabe Bürgeramt")), programmeId: String(programme("Digitale Kommune")) },
    });
    const id = Number(started.headers.get("Location")!.split("/").pop());
    expect(openDeadline(id, "funding.applicationWindow")).toBeDefined();
    expect(refusal(await fire(lead, id, "withdraw", "x"))).not.toBe("");
    expect(refusal(await fire(cdo, id, "withdraw"))).toMatch(/Kommentar|Begründung/);
    const foreign = await fire(other, id, "withdraw", "x");
    expect(foreign.status).toBe(404);
    expect(instanceOf(id).state).toBe("drafting");
    expect((await fire(cdo, id, "withdraw", "Projekt wird aus Eigenmitteln finanziert")).status).toBe(302);
    expect(instanceOf(id).state).toBe("withdrawn");
    expect(history(id).at(-1)).toMatchObject({ transition: "withdraw", toState: "withdrawn", comment: "Projekt wird aus Eigenmitteln finanziert" });
    expect(JSON.parse(lastAudit("workflowInstance", instanceOf(id).id)!.changes)).toMatchObject({ changes: { state: { from: "drafting", to: "withdrawn" } }, parent: { entity: "fundingApplication", id } });
    const page = await detail(cdo, id);
    expect(page.state.label).toBe("Zurückgezogen");
    expect(page.workflow.workflow.transitions).toEqual([]);
    // After the decision, withdrawal is no longer offered.
    expect(refusal(await fire(cdo, demoApplication(), "withdraw", "zu spät"))).not.toBe("");
    expect(instanceOf(demoApplication()).state).toBe("inProgress");
  });
});
