import { execFileSync } from "node:child_process";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fieldsOfAction, municipalities, units } from "../../db/schema";
import { layoutRoadmap } from "~/areas/roadmap/layout";
import { roadmapSummary } from "~/areas/roadmap/roadmap-svg";
import * as roadmapRoute from "~/routes/_app.fahrplan";
import * as roadmapPdfRoute from "~/routes/fahrplan[.pdf]";
import { formatDate } from "~/utils/format";
import { pdfTools } from "../support/pdf-tools";
import { getDb } from "~/utils/db.server";
import { callLoader, signIn } from "../support/requests";

const musterstadtId = () => getDb().select().from(municipalities).where(eq(municipalities.name, "Musterstadt")).get()!.id;

describe("roadmap (Fahrplan)", () => {
  it("lays out the Kommune's projects by field of action with milestones, dependencies and today's line", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const body = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller: cdo })).json();
    // the page draws the layout from the loader's entries
    const layout = layoutRoadmap(body.entries, body.today);
    expect(layout.rows.length).toBeGreaterThan(20);
    expect(layout.groups.length).toBe(6);
    expect(layout.todayX).not.toBeNull();
    expect(layout.arrows.length).toBeGreaterThan(0);
    expect(body.entries.some((e: { title: string }) => e.title.startsWith("Kleinhausen"))).toBe(false);
    expect(body.canPlan).toBe(true);
    expect(body.canBuildTeam).toBe(true);
  });

  it("filters by field of action, unit and status", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const field = getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.name, "Mobilität")).get()!;
    const byField = await (await callLoader(roadmapRoute.loader, `/fahrplan?handlungsfeld=${field.id}`, { caller: cdo })).json();
    expect(byField.entries.length).toBeGreaterThan(0);
    expect(byField.entries.every((e: { fieldOfActionName: string }) => e.fieldOfActionName === "Mobilität")).toBe(true);
    const byState = await (await callLoader(roadmapRoute.loader, "/fahrplan?status=inProgress", { caller: cdo })).json();
    expect(byState.entries.length).toBeGreaterThan(0);
    expect(byState.entries.every((e: { state: string }) => e.state === "inProgress")).toBe(true);
    const it = getDb().select().from(units).where(eq(units.name, "Fachbereich IT")).all().find((u) => u.municipalityId === musterstadtId())!;
    const byUnit = await (await callLoader(roadmapRoute.loader, `/fahrplan?einheit=${it.id}`, { caller: cdo })).json();
    const all = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller: cdo })).json();
    expect(byUnit.entries.length).toBeGreaterThan(0);
    expect(byUnit.entries.length).toBeLessThan(all.entries.length);
    // nonsense filters are ignored rather than failing
    const junk = await callLoader(roadmapRoute.loader, "/fahrplan?status=gibtsnicht&handlungsfeld=abc", { caller: cdo });
    expect(junk.status).toBe(200);
    expect((await junk.json()).entries.length).toBe(all.entries.length);
  });

  it("shows another Kommune's field of action as an empty roadmap, never its projects", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const foreign = getDb().select().from(fieldsOfAction).all().find((f) => f.municipalityId !== musterstadtId())!;
    const body = await (await callLoader(roadmapRoute.loader, `/fahrplan?handlungsfeld=${foreign.id}`, { caller: cdo })).json();
    expect(body.entries).toEqual([]);
  });

  it("lets the council read the roadmap without planning links", async () => {
    const rat = await signIn("rat@musterstadt.example");
    const body = await (await callLoader(roadmapRoute.loader, "/fahrplan", { caller: rat })).json();
    expect(body.entries.length).toBeGreaterThan(20);
    expect(body.canPlan).toBe(false);
    expect(body.canBuildTeam).toBe(false);
  });
});

type Entry = {
  title: string;
  fieldOfActionName: string;
  stateLabel: string;
  stateKind: string | null;
  startDate: string | null;
  endDate: string | null;
  milestones: { dueDate: string; done: boolean }[];
};

/** The page's figures and the PDF's text for the same query. */
async function pageAndPdf(query: string) {
  const cdo = await signIn("cdo@musterstadt.example");
  const page = await (await callLoader(roadmapRoute.loader, `/fahrplan${query}`, { caller: cdo })).json();
  const res = await callLoader(roadmapPdfRoute.loader, `/fahrplan.pdf${query}`, { caller: cdo });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/pdf");
  const tools = pdfTools(new Uint8Array(await res.arrayBuffer()));
  // Content-stream order (cells are drawn left to right, row by row), whitespace folded.
  const text = execFileSync("pdftotext", ["-raw", tools.file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  const pages = tools.pages();
  const info = tools.info();
  tools.cleanup();
  return { page, text, pages, info };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;
/** Without spaces and hyphens: a title wrapped at a line end ("BSI-" / "Grundschutz") still matches. */
const squash = (text: string) => text.replace(/[\s-]/g, "");

describe("roadmap as PDF: the same figures as the page (differential)", () => {
  it("states the page's summary, per-field counts, states, dates and milestone marks; names Kommune and date on every page", async () => {
    const { page, text, pages, info } = await pageAndPdf("");
    const entries: Entry[] = page.entries;
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    expect(text).toContain(roadmapSummary(layoutRoadmap(page.entries, page.today), page.today));
    expect(count(text, `Fahrplan der Digitalagenda – Musterstadt`)).toBe(pages);
    expect(count(text, `Stand ${formatDate(page.today)} · Seite`)).toBe(pages);
    const groups = [...new Set(entries.map((e) => e.fieldOfActionName))];
    expect(groups.length).toBe(layoutRoadmap(page.entries, page.today).groups.length);
    for (const g of groups) expect(text).toContain(`${g} – ${entries.filter((e) => e.fieldOfActionName === g).length} Projekte`);
    for (const e of entries) {
      // once in the drawing, once in the table
      expect(count(squash(text), squash(e.title)), e.title).toBeGreaterThanOrEqual(2);
      expect(text).toContain(`${e.stateLabel} ${formatDate(e.startDate)} ${formatDate(e.endDate)}`);
    }
    const milestones = entries.flatMap((e) => e.milestones);
    expect(count(text, "(überfällig)")).toBe(milestones.filter((m) => !m.done && m.dueDate < page.today).length);
    expect(count(text, "(erledigt)")).toBe(milestones.filter((m) => m.done).length);
    // finished, cancelled and paused projects are among them and named as such
    expect(entries.some((e) => e.stateKind === "final")).toBe(true);
    expect(text).toContain("Abgebrochen");
    expect(text).toContain("Zurückgestellt");
    expect(text).not.toContain("Kleinhausen");
    expect(text).not.toContain("…");
  });

  it("follows the page's filter and names it", async () => {
    const field = getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.name, "Mobilität")).get()!;
    const { page, text } = await pageAndPdf(`?handlungsfeld=${field.id}`);
    expect(page.entries.length).toBeGreaterThan(0);
    expect(text).toContain("Auswahl: Handlungsfeld Mobilität.");
    expect(text).toContain(roadmapSummary(layoutRoadmap(page.entries, page.today), page.today));
    expect(text).toContain(`Mobilität – ${page.entries.length} Projekte`);
    expect(text).not.toContain("Bildung –");
  });

  it("needs a signed-in member of the Kommune", async () => {
    const res = await roadmapPdfRoute.loader({ request: new Request("http://localhost/fahrplan.pdf"), params: {}, context: {} }).catch((e: unknown) => e);
    expect(res).toBeInstanceOf(Response);
    expect([302, 303]).toContain((res as Response).status);
  });
});
