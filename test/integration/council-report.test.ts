import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { archivedReports, auditLog, projects } from "../../db/schema";
import { loadReportData } from "~/reports/data/index.server";
import type { CouncilReportData } from "~/reports/data/types";
import { FIRST_REPORT_NOTE } from "~/reports/data/council-compare";
import { stopRenderWorker } from "~/reports/worker.server";
import { getDb } from "~/utils/db.server";
import { formatDate, formatEuro, formatNumber, formatPercentBp, formatShare, todayIso } from "~/utils/format";
import * as agendaRoute from "~/routes/_app.agenda._index";
import * as archiveRoute from "~/routes/_app.berichte.archiv.$reportId";
import * as reportsRoute from "~/routes/_app.berichte._index";
import * as issueRoute from "~/routes/_app.berichte.erzeugen";
import * as previewRoute from "~/routes/_app.berichte.vorschau";
import * as fundingRoute from "~/routes/_app.foerderung._index";
import * as portfolioRoute from "~/routes/_app.projekte.portfolio";
import * as maturityRoute from "~/routes/_app.reifegrad._index";
import * as trainingsRoute from "~/routes/_app.schulungen._index";
import { municipalityId } from "../support/foundation";
import { pdfTools } from "../support/pdf-tools";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";

const M = () => municipalityId("Musterstadt");
const tenant = () => ({ municipalityId: M() });
const db = () => getDb();

afterAll(() => stopRenderWorker());

/** One space for every run of white space (pdftotext, and the narrow no-break space before "€"). */
const norm = (text: string) => text.replace(/\s+/g, " ");

function councilData(): CouncilReportData {
  const now = new Date();
  return loadReportData(getDb(), tenant(), { type: "digitalbericht", subjectId: M(), generatedBy: "Test", now }).data as CouncilReportData;
}

async function pageJson<T>(route: { loader: unknown }, path: string, caller: Caller): Promise<T> {
  const res = await callLoader(route.loader as never, path, { caller });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

async function issue(caller: Caller) {
  const res = await callAction(issueRoute.action as never, "/berichte/erzeugen", { caller, form: { typ: "digitalbericht", id: String(M()), fetcher: "1" } });
  const body = (await res.json()) as { ok: boolean; reportId: number; title: string; message?: string };
  expect(body, body.message).toMatchObject({ ok: true });
  return body;
}

async function archivedText(caller: Caller, reportId: number) {
  const res = await callLoader(archiveRoute.loader as never, `/berichte/archiv/${reportId}?download=1`, { caller, params: { reportId: String(reportId) } });
  expect(res.status).toBe(200);
  const pdf = pdfTools(Buffer.from(await res.arrayBuffer()));
  try {
    return { text: norm(pdf.text(false)), pages: pdf.pages(), json: JSON.parse(pdf.attachment("digitalbericht-daten.json").toString("utf8")) as CouncilReportData };
  } finally {
    pdf.cleanup();
  }
}

describe("Digitalbericht für den Rat", () => {
  it("shows every figure the pages show, from the same calculation (differential against the page loaders and the PDF text)", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const data = councilData();

    // Agenda page: progress per field of action and per goal.
    const agenda = await pageJson<{ overview: { focusAreas: { fields: { name: string; progress: number | null; goals: { title: string; progress: number }[]; projects: unknown[] }[] }[] } }>(agendaRoute, "/agenda", cdo);
    const pageFields = agenda.overview.focusAreas.flatMap((f) => f.fields);
    expect(data.fields.map((f) => [f.name, f.progress, f.goals, f.projects])).toEqual(pageFields.map((f) => [f.name, formatShare(f.progress), f.goals.length, f.projects.length]));
    expect(data.goals.map((g) => [g.title, g.progressPercent])).toEqual(pageFields.flatMap((f) => f.goals.map((g) => [g.title, Math.round(g.progress * 100)])));

    // Portfolio page: counts per classification.
    const portfolio = await pageJson<{ counts: Record<string, number>; unassessed: number; projects: { title: string; classification: string | null }[] }>(portfolioRoute, "/projekte/portfolio", cdo);
    expect(data.portfolio.map((p) => p.count)).toEqual([portfolio.counts.lighthouse, portfolio.counts.onTrack, portfolio.counts.laggard, portfolio.unassessed]);
    expect(data.lighthouses.map((p) => p.title)).toEqual(portfolio.projects.filter((p) => p.classification === "lighthouse").map((p) => p.title));
    expect(data.laggards.map((p) => p.title)).toEqual(portfolio.projects.filter((p) => p.classification === "laggard").map((p) => p.title));
    expect(data.laggards.length).toBeGreaterThan(0);

    // Funding page: the granted total and the applications still waiting.
    const funding = await pageJson<{ totals: { grantedCents: number }; applications: { title: string; state: string; grantCents: number }[] }>(fundingRoute, "/foerderung", cdo);
    expect(data.fundingSecuredTotalCents).toBe(funding.totals.grantedCents);
    expect(data.fundingSecured.reduce((s, f) => s + f.grantedCents, 0)).toBe(funding.totals.grantedCents);
    expect(data.fundingSecuredTotalCents).toBeGreaterThan(0);
    const pending = funding.applications.filter((a) => ["drafting", "projectOutline", "outlineSubmitted", "internalReview", "submitted"].includes(a.state));
    expect(data.fundingPending.map((f) => f.title).sort()).toEqual(pending.map((a) => a.title).sort());
    expect(data.fundingPendingTotalCents).toBe(pending.reduce((s, a) => s + a.grantCents, 0));

    // Trainings page: coverage of the Kommune and per unit.
    const trainings = await pageJson<{ coverage: { total: { coverageBp: number | null; covered: number; employees: number }; units: { unitName: string; coverageBp: number | null }[] } }>(trainingsRoute, "/schulungen", cdo);
    expect(data.kpis.find((k) => k.label === "Schulungsquote")!.value).toBe(formatPercentBp(trainings.coverage.total.coverageBp));
    expect(data.training.units.map((u) => [u.unit, u.coverage])).toEqual(trainings.coverage.units.map((u) => [u.unitName, formatPercentBp(u.coverageBp)]));

    // Reifegrad page: the trend of the finalised snapshots (the demo's open draft is not in the report).
    const maturity = await pageJson<{ trend: { finalisedAt: string; areas: { label: string; current: number | null }[] }[] }>(maturityRoute, "/reifegrad", cdo);
    expect(maturity.trend.length).toBeGreaterThan(0);
    const lastSnapshot = maturity.trend[maturity.trend.length - 1]!;
    expect(data.maturity.areas.map((a) => [a.label, a.current])).toEqual(lastSnapshot.areas.map((a) => [a.label, a.current === null ? "–" : formatNumber(a.current / 100, 2)]));
    expect(data.maturity.summary).toContain(formatDate(lastSnapshot.finalisedAt));

    // The preview PDF prints the same figures.
    const res = await callLoader(previewRoute.loader as never, "/berichte/vorschau?typ=digitalbericht", { caller: cdo });
    expect(res.status).toBe(200);
    const pdf = pdfTools(Buffer.from(await res.arrayBuffer()));
    try {
      const text = norm(pdf.text(false));
      expect(text).toContain("Digitalbericht für den Rat");
      expect(text).toContain(FIRST_REPORT_NOTE);
      expect(text).toContain(norm(`Bewilligte Fördermittel ${formatEuro(funding.totals.grantedCents)}`));
      expect(text).toContain(norm(`Schulungsquote ${formatPercentBp(trainings.coverage.total.coverageBp)}`));
      expect(text).toContain(`Leuchttürme ${formatNumber(portfolio.counts.lighthouse)}`);
      expect(text).toContain(`Nachzügler ${formatNumber(portfolio.counts.laggard)}`);
      for (const f of data.fields) expect(text).toContain(f.name);
      for (const a of data.maturity.areas) expect(text).toContain(norm(`${a.label} ${a.current} ${a.target}`));
      for (const l of data.laggards) expect(text).toContain(l.title);
      expect(text).not.toContain("…");
    } finally {
      pdf.cleanup();
    }
  }, 120_000);

  it("archives the first report with its hash and project states, and the next one says what is new, finished and delayed since", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const db = getDb();
    const first = await issue(cdo);
    const row = db.select().from(archivedReports).where(eq(archivedReports.id, first.reportId)).get()!;
    expect(row).toMatchObject({ reportType: "digitalbericht", subjectType: "agenda", subjectId: M() });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(db.select().from(auditLog).where(and(eq(auditLog.entity, "archivedReport"), eq(auditLog.entityId, String(first.reportId)))).get()!.action).toBe("issue");
    const firstPdf = await archivedText(cdo, first.reportId);
    expect(firstPdf.text).toContain("Erster Bericht – kein Vergleich");
    expect(firstPdf.json.projects.length).toBeGreaterThan(0);
    expect((JSON.parse(row.dataSnapshot) as CouncilReportData).projects).toEqual(firstPdf.json.projects);

    // The archive page lists it.
    const archive = await pageJson<{ archive: { id: number; typeLabel: string }[] }>(reportsRoute, "/berichte", cdo);
    expect(archive.archive.find((r) => r.id === first.reportId)?.typeLabel).toBe("Digitalbericht für den Rat");

    // Changes after the first report: a later end date, a new project (an end date passing since is unit-tested).
    const running = firstPdf.json.projects.filter((p) => !p.closed && p.endDate);
    const moved = running[0]!;
    const newEnd = `${Number(moved.endDate!.slice(0, 4)) + 1}${moved.endDate!.slice(4)}`;
    db.update(projects).set({ endDate: newEnd }).where(eq(projects.id, moved.id)).run();
    const template = db.select().from(projects).where(eq(projects.id, moved.id)).get()!;
    const { id: _id, createdAt: _c, updatedAt: _u, version: _v, ...rest } = template;
    const added = db.insert(projects).values({ ...rest, title: "Neues Projekt seit dem ersten Digitalbericht mit einem sehr langen Titel, der im Bericht umbrochen werden muss", endDate: null }).returning({ id: projects.id }).get();
    try {
      const second = await issue(cdo);
      const secondPdf = await archivedText(cdo, second.reportId);
      const since = secondPdf.json.sinceLast;
      expect(since.newProjects.map((p) => p.title)).toEqual(["Neues Projekt seit dem ersten Digitalbericht mit einem sehr langen Titel, der im Bericht umbrochen werden muss"]);
      expect(since.delayedProjects.map((p) => p.title)).toEqual([moved.title]);
      expect(since.delayedProjects.find((p) => p.title === moved.title)!.detail).toBe(`Ende verschoben vom ${formatDate(moved.endDate)} auf den ${formatDate(newEnd)}`);
      expect(since.finishedProjects).toEqual([]);
      expect(secondPdf.text).toContain(`Vergleich mit dem Digitalbericht vom ${formatDate(todayIso())}`);
      expect(secondPdf.text).toContain("Neues Projekt seit dem ersten Digitalbericht mit einem sehr langen Titel, der im Bericht umbrochen werden muss");
      expect(secondPdf.text).toContain(norm(`Ende verschoben vom ${formatDate(moved.endDate)} auf den ${formatDate(newEnd)}`));
      expect(secondPdf.text).toContain("Seit dem letzten Bericht wurde kein Projekt abgeschlossen.");
    } finally {
      db.update(projects).set({ endDate: moved.endDate }).where(eq(projects.id, moved.id)).run();
      db.update(projects).set({ archivedAt: new Date().toISOString() }).where(eq(projects.id, added.id)).run();
    }
  }, 180_000);

  it("is the Kommune's own: another Kommune's CDO does not compare with it, a project lead may not issue it", async () => {
    // Musterstadt issued two reports above; Kleinhausen's first one still has nothing to compare with.
    expect(db().select().from(archivedReports).where(and(eq(archivedReports.municipalityId, M()), eq(archivedReports.reportType, "digitalbericht"))).all().length).toBe(2);
    const other = await signIn("cdo@kleinhausen.example");
    const preview = await callLoader(previewRoute.loader as never, "/berichte/vorschau?typ=digitalbericht", { caller: other });
    expect(preview.status).toBe(200);
    const pdf = pdfTools(Buffer.from(await preview.arrayBuffer()));
    try {
      const text = norm(pdf.text(false));
      expect(text).toContain(FIRST_REPORT_NOTE);
      expect(text).toContain("Kleinhausen");
      expect(text).not.toContain("Musterstadt");
    } finally {
      pdf.cleanup();
    }
    const lead = await signIn("projektleitung@musterstadt.example");
    const res = await callAction(issueRoute.action as never, "/berichte/erzeugen", { caller: lead, form: { typ: "digitalbericht", id: String(M()), fetcher: "1" } });
    expect(res.status).toBe(403);
  }, 120_000);
});
