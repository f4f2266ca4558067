import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { archivedReports, auditLog, expenditures, fundingApplications, reportDrafts, reportLogos } from "../../db/schema";
import * as archiveRoute from "~/routes/_app.berichte.archiv.$reportId";
import * as issueRoute from "~/routes/_app.berichte.erzeugen";
import * as grantRoute from "~/routes/_app.berichte.foerderung.$applicationId";
import * as indexRoute from "~/routes/_app.berichte._index";
import * as previewRoute from "~/routes/_app.berichte.vorschau";
import { guardDefinition } from "~/workflow/registry.server";
import { dataDirectory, getDb } from "~/utils/db.server";
import { formatDate, formatEuro, todayIso } from "~/utils/format";
import { stopRenderWorker } from "~/reports/worker.server";
import { pdfTools, rowAmounts } from "../support/pdf-tools";
import { type SeededGrant, seedGrant } from "../support/report-db";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";

let grant: SeededGrant;
let notGranted: SeededGrant;
let foreign: SeededGrant;
let cdo: Caller;
let viewer: Caller;
let foreignCdo: Caller;

beforeAll(async () => {
  grant = seedGrant("Musterstadt", { receiptCount: 140 });
  notGranted = seedGrant("Musterstadt", { state: "submitted", receiptCount: 2, title: "Glasfaser für Schulen" });
  foreign = seedGrant("Kleinhausen", { receiptCount: 3, title: "Kleinhausen digital" });
  cdo = await signIn("cdo@musterstadt.example");
  viewer = await signIn("rat@musterstadt.example");
  foreignCdo = await signIn("cdo@kleinhausen.example");
});

afterAll(async () => {
  await stopRenderWorker();
});

const eur = (cents: number) => formatEuro(cents).replace("\u00a0", " ");

/** As the hydrated page's fetcher submits it (JavaScript on): it marks itself and gets JSON. */
async function issue(caller: Caller, form: Record<string, string>) {
  return callAction(issueRoute.action, "/berichte/erzeugen", { caller, form: { ...form, fetcher: "1" } });
}
/** A plain form post (JavaScript off). */
async function issuePlain(caller: Caller, form: Record<string, string>) {
  return callAction(issueRoute.action, "/berichte/erzeugen", { caller, form });
}

describe("Verwendungsnachweis: draft, issue, archive", () => {
  it("saves the Sachbericht draft with version checks and refuses bad input", async () => {
    const params = { applicationId: String(grant.applicationId) };
    const tooShort = await callAction(grantRoute.action, `/berichte/foerderung/${grant.applicationId}`, {
      caller: cdo,
      params,
      form: { art: "verwendungsnachweis", version: "0", narrative: "kurz" },
    });
    expect(tooShort.status).toBe(400);
    expect(JSON.stringify(await tooShort.json())).toContain("Der Sachbericht ist zu kurz");
    expect(getDb().select().from(reportDrafts).where(eq(reportDrafts.subjectId, grant.applicationId)).all()).toHaveLength(0);

    const narrative = "Die Online-Terminvergabe ist eingeführt.\n\nDie Wartezeit im Bürgeramt sank von 35 auf 9 Minuten.";
    const created = await callAction(grantRoute.action, `/berichte/foerderung/${grant.applicationId}`, {
      caller: cdo,
      params,
      form: { art: "verwendungsnachweis", version: "0", narrative },
    });
    expect(created.status).toBe(200);
    const stale = await callAction(grantRoute.action, `/berichte/foerderung/${grant.applicationId}`, {
      caller: cdo,
      params,
      form: { art: "verwendungsnachweis", version: "0", narrative: `${narrative} Nachtrag.` },
    });
    expect(stale.status).toBe(409);
    expect(JSON.stringify(await stale.json())).toContain("inzwischen von jemand anderem geändert");
    const updated = await callAction(grantRoute.action, `/berichte/foerderung/${grant.applicationId}`, {
      caller: cdo,
      params,
      form: { art: "verwendungsnachweis", version: "1", narrative: `${narrative}\n\nAlle Ziele wurden erreicht.` },
    });
    expect(updated.status).toBe(200);
    const draft = getDb().select().from(reportDrafts).get()!;
    expect(draft.version).toBe(2);
    expect(draft.narrative).toContain("Alle Ziele wurden erreicht.");
    const audits = getDb().select().from(auditLog).where(eq(auditLog.entity, "reportDraft")).all();
    expect(audits.map((a) => a.action)).toEqual(["create", "update"]);

    const forbidden = await callAction(grantRoute.action, `/berichte/foerderung/${grant.applicationId}`, {
      caller: viewer,
      params,
      form: { art: "verwendungsnachweis", version: "2", narrative: "Das ist ein Versuch ohne Recht dazu." },
    });
    expect(forbidden.status).toBe(403);
  });

  it("shows the same figures on the page as in the database", async () => {
    const res = await callLoader(grantRoute.loader, `/berichte/foerderung/${grant.applicationId}`, {
      caller: viewer,
      params: { applicationId: String(grant.applicationId) },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    const total = grant.receipts.reduce((s, r) => s + r.amountCents, 0);
    expect(body.figures.totals.actualExpenditureCents).toBe(total);
    expect(body.figures.receiptCount).toBe(grant.receipts.length);
    expect(body.chart.svg).toContain("<svg");
    expect(body.draft.narrative).toContain("Alle Ziele wurden erreicht.");
  });

  it("explains on the report page why an application that is not granted has no Nachweis yet", async () => {
    const res = await callLoader(grantRoute.loader, `/berichte/foerderung/${notGranted.applicationId}`, {
      caller: cdo,
      params: { applicationId: String(notGranted.applicationId) },
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.figures).toBeNull();
    expect(body.application.granted).toBe(false);
    expect(body.problem).toContain("ist nicht bewilligt (Status: Eingereicht)");
  });

  it("issues the report: archived with SHA-256, author, time and data snapshot; every receipt and total in the PDF", async () => {
    const res = await issue(cdo, { typ: "verwendungsnachweis", id: String(grant.applicationId) });
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.ok).toBe(true);
    const row = getDb().select().from(archivedReports).where(eq(archivedReports.id, body.reportId)).get()!;
    expect(row).toMatchObject({ reportType: "verwendungsnachweis", subjectType: "fundingApplication", subjectId: grant.applicationId, generatedByLabel: "cdo@musterstadt.example", templateFile: "templates/verwendungsnachweis.json" });
    const file = path.join(dataDirectory(), row.filePath);
    const bytes = fs.readFileSync(file);
    expect(crypto.createHash("sha256").update(bytes).digest("hex")).toBe(row.sha256);
    expect(row.filePath).toBe(path.join("reports", `${row.sha256}.pdf`));
    const snapshot = JSON.parse(row.dataSnapshot);
    expect(snapshot.receipts).toHaveLength(grant.receipts.length);
    expect(snapshot.narrative).toContain("Alle Ziele wurden erreicht.");
    const audit = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
    expect(audit).toMatchObject({ entity: "archivedReport", action: "issue", entityId: String(row.id) });

    const tools = pdfTools(bytes);
    try {
      const text = tools.text();
      for (const r of grant.receipts) {
        const line = text.split("\n").find((l) => l.includes(` ${r.receiptNumber} `));
        expect(line, r.receiptNumber).toBeDefined();
        expect(line).toContain(formatDate(r.receiptDate));
        expect(line).toContain(eur(r.amountCents));
      }
      const total = grant.receipts.reduce((s, r) => s + r.amountCents, 0);
      // Belegliste sum row: netto, USt, brutto, zuwendungsfähig; expenditure sum row: Soll, Ist, …
      expect(rowAmounts(text, "Summe aller Belege")[2]).toBe(eur(total));
      expect(rowAmounts(text, "Summe Ausgaben").slice(0, 2)).toEqual([eur(grant.plannedCents), eur(total)]);
      expect(text).toContain("MIK-32-2025/0815");
      expect(text).toContain("Stadt Musterstadt");
      expect(text).toContain("01.03.2025 bis 28.02.2026");
      expect(text).toContain("Die Wartezeit im Bürgeramt sank von 35 auf 9 Minuten.");
      expect(text).toMatch(/davon eingegangen\s+35\.000,00 €/);
      expect(tools.xmp()).toContain("<pdfaid:part>3</pdfaid:part>");
      const csv = tools.attachment("belegliste.csv").toString("utf8").slice(1).trim().split("\r\n");
      expect(csv[0]).toBe("Lfd. Nr.;Belegdatum;Zahlungsdatum;Belegnummer;Kostenart;Empfänger;Zweck;Netto;Umsatzsteuer;Brutto;Zuwendungsfähig;Nicht zuwendungsfähig, weil");
      const sum = csv.slice(1).reduce((s, line) => s + Math.round(Number(line.split(";")[9].replace(",", ".")) * 100), 0);
      expect(sum).toBe(total);
    } finally {
      tools.cleanup();
    }
  });

  it("returns the identical bytes on every download", async () => {
    const row = getDb().select().from(archivedReports).where(eq(archivedReports.subjectId, grant.applicationId)).get()!;
    const first = await callLoader(archiveRoute.loader, `/berichte/archiv/${row.id}`, { caller: viewer, params: { reportId: String(row.id) } });
    const second = await callLoader(archiveRoute.loader, `/berichte/archiv/${row.id}?download=1`, { caller: cdo, params: { reportId: String(row.id) } });
    expect(first.headers.get("Content-Type")).toBe("application/pdf");
    expect(second.headers.get("Content-Disposition")).toMatch(/^attachment/);
    const a = Buffer.from(await first.arrayBuffer());
    const b = Buffer.from(await second.arrayBuffer());
    expect(a.equals(b)).toBe(true);
    expect(crypto.createHash("sha256").update(a).digest("hex")).toBe(row.sha256);
  });

  it("archives are append-only in the database", () => {
    expect(() => getDb().update(archivedReports).set({ title: "geändert" }).run()).toThrow(/append-only/);
    expect(() => getDb().delete(archivedReports).run()).toThrow(/append-only/);
  });

  it("the workflow guard finalReportArchived refuses until a Verwendungsnachweis is archived", () => {
    const guard = guardDefinition("finalReportArchived")!;
    expect(guard).toBeDefined();
    const params = guard.params.parse({});
    const ctx = (subjectId: number) => ({ tx: getDb(), tenant: { municipalityId: grant.municipalityId }, instance: { subjectId } }) as never;
    expect(guard.check(ctx(grant.applicationId), params)).toBe(true);
    expect(guard.check(ctx(notGranted.applicationId), params)).toMatch(/Bitte erstellen und archivieren Sie zuerst den Verwendungsnachweis/);
    expect(guard.describe(params)).toBe("Verwendungsnachweis ist erstellt und archiviert");
  });

  it("refuses a Verwendungsnachweis for an application that is not granted, archiving nothing", async () => {
    const before = getDb().select().from(archivedReports).all().length;
    const res = await issue(cdo, { typ: "verwendungsnachweis", id: String(notGranted.applicationId) });
    expect(res.status).toBe(422);
    expect((await res.json()).message).toMatch(/„Glasfaser für Schulen“ ist nicht bewilligt \(Status: Eingereicht\)/);
    expect(getDb().select().from(archivedReports).all()).toHaveLength(before);
  });

  it("issues a Zwischennachweis for one budget year with only that year's receipts", async () => {
    const res = await issue(cdo, { typ: "zwischennachweis", id: String(grant.applicationId), jahr: "2025" });
    expect(res.status).toBe(200);
    const row = getDb().select().from(archivedReports).where(eq(archivedReports.id, (await res.json()).reportId)).get()!;
    expect(row.budgetYear).toBe(2025);
    const in2025 = grant.receipts.filter((r) => r.receiptDate.startsWith("2025"));
    expect(JSON.parse(row.dataSnapshot).receipts).toHaveLength(in2025.length);
    const tools = pdfTools(fs.readFileSync(path.join(dataDirectory(), row.filePath)));
    try {
      const text = tools.text();
      expect(text).toContain("Zwischennachweis für das Haushaltsjahr 2025");
      expect(rowAmounts(text, "Summe aller Belege")[2]).toBe(eur(in2025.reduce((s, r) => s + r.amountCents, 0)));
      for (const r of grant.receipts.filter((x) => x.receiptDate.startsWith("2026"))) expect(text).not.toContain(` ${r.receiptNumber} `);
    } finally {
      tools.cleanup();
    }
    const outside = await issue(cdo, { typ: "zwischennachweis", id: String(grant.applicationId), jahr: "2024" });
    expect(outside.status).toBe(422);
    expect((await outside.json()).message).toContain("nicht im Bewilligungszeitraum");
  });

  it("redirects a plain form post (no JavaScript) to the archived PDF, and errors back to the page in German", async () => {
    const before = getDb().select().from(archivedReports).all().length;
    const res = await issuePlain(cdo, { typ: "zwischennachweis", id: String(grant.applicationId), jahr: "2026", redirectTo: `/berichte/foerderung/${grant.applicationId}` });
    expect(res.status).toBe(302);
    const newest = getDb().select().from(archivedReports).orderBy(desc(archivedReports.id)).limit(1).get()!;
    expect(getDb().select().from(archivedReports).all()).toHaveLength(before + 1);
    expect(res.headers.get("Location")).toBe(`/berichte/archiv/${newest.id}`);
    const pdf = await callLoader(archiveRoute.loader, `/berichte/archiv/${newest.id}`, { caller: cdo, params: { reportId: String(newest.id) } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");

    const refused = await issuePlain(cdo, { typ: "verwendungsnachweis", id: String(notGranted.applicationId), redirectTo: `/berichte/foerderung/${notGranted.applicationId}?tab=1` });
    expect(refused.status).toBe(302);
    const back = new URL(refused.headers.get("Location")!, "http://localhost");
    expect(back.pathname).toBe(`/berichte/foerderung/${notGranted.applicationId}`);
    expect(back.searchParams.get("tab")).toBe("1");
    expect(back.searchParams.get("berichtFehler")).toMatch(/ist nicht bewilligt/);
    expect(back.searchParams.get("berichtFehlerTyp")).toBe("verwendungsnachweis");
    // Only local paths are accepted as the way back.
    const offsite = await issuePlain(cdo, { typ: "verwendungsnachweis", id: String(notGranted.applicationId), redirectTo: "//evil.example/x" });
    expect(new URL(offsite.headers.get("Location")!, "http://localhost").host).toBe("localhost");
    expect(getDb().select().from(archivedReports).all()).toHaveLength(before + 1);
    // A fetcher still gets JSON.
    const fetched = await issue(cdo, { typ: "verwendungsnachweis", id: String(notGranted.applicationId) });
    expect(fetched.status).toBe(422);
    expect((await fetched.json()).ok).toBe(false);
  });

  it("lets a viewer see the archive but not issue reports", async () => {
    const res = await issue(viewer, { typ: "verwendungsnachweis", id: String(grant.applicationId) });
    expect(res.status).toBe(403);
    const list = await callLoader(indexRoute.loader, "/berichte", { caller: viewer });
    const body = await list.json();
    expect(body.archive.length).toBeGreaterThanOrEqual(2);
    expect(body.canGenerate).toBe(false);
  });
});

describe("demo grant", () => {
  it("the demo CDO's Verwendungsnachweis of the seeded demo grant shows every receipt and total from the database", async () => {
    const demo = getDb().select().from(fundingApplications).where(eq(fundingApplications.fileNumber, "DK-2-4711/BE")).get();
    expect(demo, "demo grant seeded by the funding area").toBeDefined();
    // The demo is not ready for submission: no Sachbericht, one receipt without payment date.
    const refused = await issue(cdo, { typ: "verwendungsnachweis", id: String(demo!.id) });
    expect(refused.status).toBe(422);
    const refusal = (await refused.json()).message;
    expect(refusal).toContain("Der Sachbericht fehlt");
    expect(refusal).toContain("1 Beleg hat kein Zahlungsdatum: RE-2025-166");
    const params = { applicationId: String(demo!.id) };
    const narrative = "Das digitale Bauantragsverfahren ist eingeführt; die Schnittstelle XBau ist in Betrieb.";
    expect((await callAction(grantRoute.action, `/berichte/foerderung/${demo!.id}`, { caller: cdo, params, form: { art: "verwendungsnachweis", version: "0", narrative } })).status).toBe(200);
    getDb().update(expenditures).set({ paidOn: todayIso() }).where(eq(expenditures.receiptNumber, "RE-2025-166")).run();
    const res = await issue(cdo, { typ: "verwendungsnachweis", id: String(demo!.id) });
    expect(res.status).toBe(200);
    const row = getDb().select().from(archivedReports).where(eq(archivedReports.id, (await res.json()).reportId)).get()!;
    const receipts = getDb().select().from(expenditures).where(eq(expenditures.applicationId, demo!.id)).all();
    expect(receipts.length).toBeGreaterThan(0);
    const tools = pdfTools(fs.readFileSync(path.join(dataDirectory(), row.filePath)));
    try {
      const text = tools.text();
      for (const r of receipts) {
        const line = text.split("\n").find((l) => l.includes(` ${r.receiptNumber} `));
        expect(line, r.receiptNumber).toBeDefined();
        expect(line).toContain(formatDate(r.receiptDate));
        expect(line).toContain(eur(r.amountCents));
      }
      const total = receipts.reduce((s, r) => s + r.amountCents, 0);
      expect(rowAmounts(text, "Summe aller Belege")[2]).toBe(eur(total));
      expect(text).toContain("DK-2-4711/BE");
    } finally {
      tools.cleanup();
    }
  });
});

describe("command line", () => {
  function cli(args: string[]) {
    return spawnSync(process.execPath, ["--import", "tsx", "app/reports/cli.ts", ...args], {
      encoding: "utf8",
      env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
      timeout: 60_000,
    });
  }

  it("writes the PDF for a granted application and fails clearly for one that is not granted", { timeout: 120_000 }, () => {
    const out = path.join(path.dirname(process.env.DATABASE_PATH!), "cli-vn.pdf");
    const ok = cli(["verwendungsnachweis", "--id", String(grant.applicationId), "--out", out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const refused = cli(["verwendungsnachweis", "--id", String(notGranted.applicationId), "--out", out + "x"]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Bericht nicht erstellt: Der Förderantrag „Glasfaser für Schulen“ ist nicht bewilligt");
    expect(fs.existsSync(out + "x")).toBe(false);
    const unknown = cli(["jahresbericht", "--id", "1", "--out", out]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unbekannter Berichtstyp");
  });
});

describe("preview", () => {
  it("streams the PDF from the worker without archiving it", async () => {
    const before = getDb().select().from(archivedReports).all().length;
    const res = await callLoader(previewRoute.loader, `/berichte/vorschau?typ=verwendungsnachweis&id=${grant.applicationId}`, { caller: viewer });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.body).toBeInstanceOf(ReadableStream);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(getDb().select().from(archivedReports).all()).toHaveLength(before);
  });

  it("renders the Statusbericht and a one-page Projektsteckbrief", async () => {
    const status = await callLoader(previewRoute.loader, "/berichte/vorschau?typ=statusbericht", { caller: cdo });
    expect(status.status).toBe(200);
    const statusPdf = pdfTools(Buffer.from(await status.arrayBuffer()));
    try {
      const text = statusPdf.text();
      expect(text).toContain("Statusbericht zur");
      expect(text).toContain("Gesicherte Fördermittel");
      // The overview names the secured amount, the same sum as section 6, not only a count.
      const total = text.match(/Summe gesicherter Fördermittel\s+([\d.]+,\d\d\s€)/)![1]!;
      expect(text).toMatch(new RegExp(`Gesicherte Fördermittel\\s+${total.replace(/\./g, "\\.")} \\(\\d+ Bescheide?\\)`));
      expect(text).toMatch(/Digitales Bürgeramt – Online-.*MIK-32-2025\/0815\s+65\.000,00 €/s);
    } finally {
      statusPdf.cleanup();
    }
    const profile = await callLoader(previewRoute.loader, `/berichte/vorschau?typ=projektsteckbrief&id=${grant.projectId}`, { caller: cdo });
    expect(profile.status).toBe(200);
    const profilePdf = pdfTools(Buffer.from(await profile.arrayBuffer()));
    try {
      expect(profilePdf.pages()).toBe(1);
      expect(profilePdf.text()).toContain("Projektsteckbrief: Digitales Bürgeramt");
    } finally {
      profilePdf.cleanup();
    }
  });

  it("answers 422 with a German message when the report cannot be made", async () => {
    const res = await callLoader(previewRoute.loader, `/berichte/vorschau?typ=verwendungsnachweis&id=${notGranted.applicationId}`, { caller: cdo });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("ist nicht bewilligt");
  });

  it("does not block other requests while a large report renders", { timeout: 60_000 }, async () => {
    const { renderInWorker } = await import("~/reports/worker.server");
    const { syntheticFinalReport } = await import("../support/report-fixtures");
    const healthz = await import("~/routes/healthz");
    const job = renderInWorker({ type: "verwendungsnachweis", variant: {}, data: syntheticFinalReport(2000), logo: null });
    let renderedAt = 0;
    const rendering = job.done.then(() => (renderedAt = performance.now()));
    const started = performance.now();
    const light = await callLoader(healthz.loader, "/healthz");
    const lightDoneAt = performance.now();
    expect(light.status).toBe(200);
    await rendering;
    expect(renderedAt).toBeGreaterThan(lightDoneAt);
    expect(lightDoneAt - started).toBeLessThan(500);
  });
});

describe("template variants", () => {
  it("a broken Kommune variant is reported with its file name and problem, nothing is archived", async () => {
    const dir = fs.mkdtempSync(path.join(path.dirname(process.env.DATABASE_PATH!), "templates-"));
    fs.cpSync(path.resolve("templates"), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "verwendungsnachweis.musterstadt.json"), JSON.stringify({ type: "verwendungsnachweis", title: "x", sections: [{ kind: "absatz" }] }));
    const before = getDb().select().from(archivedReports).all().length;
    process.env.TEMPLATES_PATH = dir;
    try {
      const res = await issue(cdo, { typ: "verwendungsnachweis", id: String(grant.applicationId) });
      expect(res.status).toBe(500);
      const message = (await res.json()).message;
      expect(message).toContain("verwendungsnachweis.musterstadt.json");
      expect(message).toContain("sections[0]");
      const preview = await callLoader(previewRoute.loader, `/berichte/vorschau?typ=verwendungsnachweis&id=${grant.applicationId}`, { caller: cdo });
      expect(preview.status).toBe(500);
      expect(await preview.text()).toContain("verwendungsnachweis.musterstadt.json");
    } finally {
      delete process.env.TEMPLATES_PATH;
    }
    expect(getDb().select().from(archivedReports).all()).toHaveLength(before);
  });
});

describe("tenant isolation", () => {
  it("answers 404 for another Kommune's application, report page and archived report", async () => {
    const params = { applicationId: String(foreign.applicationId) };
    expect((await callLoader(grantRoute.loader, `/berichte/foerderung/${foreign.applicationId}`, { caller: cdo, params })).status).toBe(404);
    expect(
      (await callAction(grantRoute.action, `/berichte/foerderung/${foreign.applicationId}`, { caller: cdo, params, form: { art: "verwendungsnachweis", version: "0", narrative: "Fremder Sachbericht, darf nicht gespeichert werden." } })).status,
    ).toBe(404);
    expect((await callLoader(previewRoute.loader, `/berichte/vorschau?typ=verwendungsnachweis&id=${foreign.applicationId}`, { caller: cdo })).status).toBe(404);
    expect((await callLoader(previewRoute.loader, `/berichte/vorschau?typ=projektsteckbrief&id=${foreign.projectId}`, { caller: cdo })).status).toBe(404);
    expect((await issue(cdo, { typ: "verwendungsnachweis", id: String(foreign.applicationId) })).status).toBe(404);

    const sachbericht = await callAction(grantRoute.action, `/berichte/foerderung/${foreign.applicationId}`, {
      caller: foreignCdo,
      params,
      form: { art: "verwendungsnachweis", version: "0", narrative: "Kleinhausen ist digital: alle Vorhaben sind umgesetzt." },
    });
    expect(sachbericht.status).toBe(200);
    const own = await issue(foreignCdo, { typ: "verwendungsnachweis", id: String(foreign.applicationId) });
    expect(own.status).toBe(200);
    const foreignReportId = (await own.json()).reportId;
    const res = await callLoader(archiveRoute.loader, `/berichte/archiv/${foreignReportId}`, { caller: cdo, params: { reportId: String(foreignReportId) } });
    expect(res.status).toBe(404);
    const list = await (await callLoader(indexRoute.loader, "/berichte", { caller: cdo })).json();
    expect(list.archive.map((r: { id: number }) => r.id)).not.toContain(foreignReportId);
  });
});

describe("logo", () => {
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  function upload(caller: Caller, bytes: Buffer, name: string) {
    const form = new FormData();
    form.set("csrf", caller.csrf);
    form.set("logo", new File([new Uint8Array(bytes)], name, { type: "image/png" }));
    return callAction(indexRoute.action, "/berichte", { caller, form });
  }

  it("stores a PNG logo for admins/CDO and uses it in report headers", async () => {
    const res = await upload(cdo, png, "wappen.png");
    expect(res.status).toBe(200);
    const logo = getDb().select().from(reportLogos).where(eq(reportLogos.municipalityId, grant.municipalityId)).get()!;
    expect(fs.readFileSync(path.join(dataDirectory(), logo.filePath)).equals(png)).toBe(true);
    const preview = await callLoader(previewRoute.loader, `/berichte/vorschau?typ=projektsteckbrief&id=${grant.projectId}`, { caller: cdo });
    expect(Buffer.from(await preview.arrayBuffer()).toString("latin1")).toContain("/Subtype /Image");
  });

  it("refuses a file with a PNG signature followed by garbage, since it cannot be decoded", async () => {
    const fake = Buffer.concat([png.subarray(0, 8), crypto.randomBytes(2000)]);
    const res = await upload(cdo, fake, "wappen.png");
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors.logo[0]).toBe("Die Datei ist kein lesbares PNG- oder JPEG-Bild. Bitte speichern Sie das Logo neu und laden Sie es erneut hoch.");
    const truncated = await upload(cdo, png.subarray(0, png.length - 20), "wappen.png");
    expect(truncated.status).toBe(400);
  });

  it("accepts a file name with = and ; in it", async () => {
    const res = await upload(cdo, png, "wappen=neu;2026.png");
    expect(res.status).toBe(200);
    expect((await res.json()).ok).toBe(true);
  });

  it("renders reports without a stored logo that cannot be decoded (uploaded before the check)", async () => {
    const fake = Buffer.concat([png.subarray(0, 8), Buffer.alloc(600, 0x41)]);
    const relative = path.join("logos", "kaputt.png");
    fs.mkdirSync(path.join(dataDirectory(), "logos"), { recursive: true });
    fs.writeFileSync(path.join(dataDirectory(), relative), fake);
    getDb().update(reportLogos).set({ filePath: relative }).where(eq(reportLogos.municipalityId, grant.municipalityId)).run();
    const preview = await callLoader(previewRoute.loader, `/berichte/vorschau?typ=projektsteckbrief&id=${grant.projectId}`, { caller: cdo });
    expect(preview.status).toBe(200);
    const pdf = Buffer.from(await preview.arrayBuffer()).toString("latin1");
    expect(pdf.startsWith("%PDF")).toBe(true);
    expect(pdf).not.toContain("/Subtype /Image");
  });

  it("rejects files that are not PNG or JPEG with a German message, and other roles", async () => {
    const res = await upload(cdo, Buffer.from("kein Bild"), "wappen.png");
    expect(res.status).toBe(400);
    expect((await res.json()).fieldErrors.logo[0]).toBe("Bitte laden Sie ein Logo im Format PNG oder JPEG hoch.");
    expect((await upload(viewer, png, "wappen.png")).status).toBe(403);
  });
});
