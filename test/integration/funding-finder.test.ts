import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { financePlanItems, fundingApplications, fundingProgrammes, projects } from "../../db/schema";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import * as finderRoute from "~/routes/_app.foerderung.finder";
import { callAction, callLoader, jsonBody, signIn } from "../support/requests";

const db = () => getDb();
const projectId = () => db().select({ id: projects.id }).from(projects).where(eq(projects.title, "Online-Terminvergabe Bürgeramt")).get()!.id;
const programmeId = () => db().select().from(fundingProgrammes).all().find((p) => p.name.startsWith("Digitale Kommune"))!.id;
const planOf = (applicationId: number) =>
  db()
    .select({ costCategory: financePlanItems.costCategory, plannedCents: financePlanItems.plannedCents, budgetYear: financePlanItems.budgetYear })
    .from(financePlanItems)
    .where(eq(financePlanItems.applicationId, applicationId))
    .all();

describe("finder: Antrag starten", () => {
  it("starts the application with the amount and cost types the user entered, in the application's year or later", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const page = await jsonBody(
      await callLoader(finderRoute.loader, `/foerderung/finder?projekt=${projectId()}&kosten=50.000,00&kostenart=materials&kostenart=externalServices`, { caller: cdo }),
    );
    const match = page.matches.find((m: { programmeId: number }) => m.programmeId === programmeId());
    expect(match.fits).toBe(true);
    const project = db().select().from(projects).where(eq(projects.id, projectId())).get()!;
    expect(project.budgetPlannedCents).not.toBe(5_000_000);

    const started = await callAction(finderRoute.action, "/foerderung/finder", {
      caller: cdo,
      form: { projectId: String(projectId()), programmeId: String(programmeId()), plannedCostsCents: String(page.query.plannedCostsCents), costCategories: page.query.costCategories },
    });
    expect(started.status).toBe(302);
    const id = Number(started.headers.get("Location")!.split("/").pop());
    const plan = planOf(id);
    expect(plan.map((p) => p.costCategory).sort()).toEqual(["externalServices", "materials"]);
    expect(plan.reduce((s, p) => s + p.plannedCents, 0)).toBe(5_000_000);
    const year = Number(todayIso().slice(0, 4));
    for (const p of plan) expect(p.budgetYear).toBeGreaterThanOrEqual(year);
  });

  it("refuses unknown cost types and saves nothing", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const before = db().select().from(fundingApplications).all().length;
    const res = await callAction(finderRoute.action, "/foerderung/finder", {
      caller: cdo,
      form: { projectId: String(projectId()), programmeId: String(programmeId()), plannedCostsCents: "100", costCategories: ["yachts"] },
    });
    expect(res.status).toBe(400);
    expect(db().select().from(fundingApplications).all().length).toBe(before);
  });
});
