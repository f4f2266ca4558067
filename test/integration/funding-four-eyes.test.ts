import fs from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applicationContributors, auditLog, fundingApplications, fundingProgrammes, projects, users, workflowInstances } from "../../db/schema";
import { type AuditFields, auditHash } from "~/utils/audit";
import { getDb, migrationsFolder } from "~/utils/db.server";
import * as applicationRoute from "~/routes/_app.foerderung.antraege.$applicationId._index";
import * as finderRoute from "~/routes/_app.foerderung.finder";
import * as transitionRoute from "~/routes/ablauf.vorgaenge.$instanceId.uebergang";
import { type Caller, callAction, signIn } from "../support/requests";

const db = () => getDb();

function instanceOf(applicationId: number) {
  return db()
    .select()
    .from(workflowInstances)
    .where(and(eq(workflowInstances.subjectType, "fundingApplication"), eq(workflowInstances.subjectId, applicationId)))
    .get()!;
}
function refusal(res: Response): string {
  return new URL(res.headers.get("Location")!, "http://localhost").searchParams.get("ablaufFehler") ?? "";
}
async function fire(caller: Caller, applicationId: number, transition: string) {
  const instance = instanceOf(applicationId);
  return callAction(transitionRoute.action, `/ablauf/vorgaenge/${instance.id}/uebergang`, {
    caller,
    params: { instanceId: String(instance.id) },
    form: { transition, expectedVersion: String(instance.version), redirectTo: `/foerderung/antraege/${applicationId}` },
  });
}
async function post(caller: Caller, applicationId: number, form: Record<string, string>) {
  return callAction(applicationRoute.action, `/foerderung/antraege/${applicationId}`, { caller, params: { applicationId: String(applicationId) }, form });
}
function version(applicationId: number): string {
  return String(db().select({ v: fundingApplications.version }).from(fundingApplications).where(eq(fundingApplications.id, applicationId)).get()!.v);
}
function userId(email: string): number {
  return db().select({ id: users.id }).from(users).where(eq(users.email, email)).get()!.id;
}
function contributors(applicationId: number): string[] {
  return db()
    .select()
    .from(applicationContributors)
    .where(eq(applicationContributors.applicationId, applicationId))
    .all()
    .map((c) => `${c.userId}:${c.kind}`)
    .sort();
}

async function startApplication(cdo: Caller): Promise<number> {
  const projectId = db().select({ id: projects.id }).from(projects).where(eq(projects.title, "Online-Terminvergabe Bürgeramt")).get()!.id;
  const programmeId = db().select().from(fundingProgrammes).all().find((p) => p.name.startsWith("Digitale Kommune"))!.id;
  const started = await callAction(finderRoute.action, "/foerderung/finder", { caller: cdo, form: { projectId: String(projectId), programmeId: String(programmeId) } });
  expect(started.status).toBe(302);
  return Number(started.headers.get("Location")!.split("/").pop());
}

describe("four-eyes on funding applications", () => {
  it("refuses the author and finance-plan editors as approvers, even when a colleague forwarded the application", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const admin = await signIn("admin@fahrplan.example", "Musterstadt");
    const lead = await signIn("projektleitung@musterstadt.example");
    const finance = await signIn("kaemmerei@musterstadt.example");
    const id = await startApplication(cdo);

    // The administration edits the finance plan, the project lead forwards the application.
    expect((await post(admin, id, { intent: "addPlanItem", costCategory: "externalServices", description: "Beratung", budgetYear: "2027", plannedCents: "5.000,00", eligible: "on" })).status).toBe(200);
    expect((await fire(lead, id, "requestInternalReview")).status).toBe(302);
    expect((await post(finance, id, { intent: "confirmOwnContribution", version: version(id), budgetRef: "HH 1" })).status).toBe(200);

    expect(contributors(id)).toEqual(
      [
        `${userId("cdo@musterstadt.example")}:author`,
        `${userId("admin@fahrplan.example")}:financePlan`,
        `${userId("projektleitung@musterstadt.example")}:review`,
      ].sort(),
    );
    // Observed defect: the author approved and submitted after a colleague had forwarded it.
    expect(refusal(await fire(cdo, id, "submit"))).toMatch(/^Vier-Augen-Prinzip: Sie haben diesen Vorgang selbst erstellt oder bearbeitet/);
    expect(refusal(await fire(admin, id, "submit"))).toMatch(/^Vier-Augen-Prinzip/);
    expect(instanceOf(id).state).toBe("internalReview");
    // The Kämmerei only confirmed the own contribution: a second person, so it may approve.
    expect((await fire(finance, id, "submit")).status).toBe(302);
    expect(instanceOf(id).state).toBe("submitted");
  });

  it("backfills contributors from the application's author, audit entries and workflow history", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const lead = await signIn("projektleitung@musterstadt.example");
    const id = await startApplication(cdo);
    expect((await post(lead, id, { intent: "addPlanItem", costCategory: "materials", description: "Lizenzen", budgetYear: "2027", plannedCents: "1.000,00", eligible: "on" })).status).toBe(200);
    expect((await fire(cdo, id, "requestInternalReview")).status).toBe(302);
    const recorded = contributors(id);
    expect(recorded).toHaveLength(3);

    // The backfill ran on entries written before the one changes shape, which named the application
    // at the top level: append such an entry for the plan item, chained like any other.
    const application = db().select().from(fundingApplications).where(eq(fundingApplications.id, id)).get()!;
    const previous = db().select({ hash: auditLog.hash }).from(auditLog).orderBy(sql`${auditLog.id} DESC`).limit(1).get()!.hash;
    const legacy: AuditFields = {
      at: new Date().toISOString(),
      municipalityId: application.municipalityId,
      userId: lead.userId,
      actorLabel: "projektleitung@musterstadt.example",
      entity: "financePlanItem",
      entityId: null,
      action: "create",
      changes: JSON.stringify({ applicationId: id, description: "Lizenzen" }),
    };
    db().insert(auditLog).values({ ...legacy, prevHash: previous, hash: auditHash(previous, legacy) }).run();
    db().delete(applicationContributors).run();
    const file = fs.readdirSync(migrationsFolder()).find((f) => f.endsWith("_backfill_application_contributors.sql"))!;
    for (const statement of fs.readFileSync(path.join(migrationsFolder(), file), "utf8").split("--> statement-breakpoint")) db().run(sql.raw(statement));

    expect(contributors(id)).toEqual(recorded);
    // The seeded demo application gets its author and the person who forwarded it.
    const demo = db().select({ id: fundingApplications.id }).from(fundingApplications).where(eq(fundingApplications.title, "Digitaler Bauantrag – Digitale Kommune")).get()!.id;
    expect(contributors(demo)).toEqual([`${userId("cdo@musterstadt.example")}:author`, `${userId("cdo@musterstadt.example")}:review`].sort());
  });
});
