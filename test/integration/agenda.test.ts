import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agendas, auditLog, fieldsOfAction, goalValues, goals, municipalities, projectGoals, projects } from "../../db/schema";
import * as overviewRoute from "~/routes/_app._index";
import { getDb } from "~/utils/db.server";
import * as agendaRoute from "~/routes/_app.agenda._index";
import * as visionRoute from "~/routes/_app.agenda.bearbeiten";
import * as fieldsRoute from "~/routes/_app.agenda.handlungsfelder";
import * as newGoalRoute from "~/routes/_app.agenda.ziele.neu";
import * as goalRoute from "~/routes/_app.agenda.ziele.$goalId";
import { callAction, callLoader, signIn } from "../support/requests";

const CDO = "cdo@musterstadt.example";
const STAFF = "mitarbeiter@musterstadt.example";

function municipalityId(name: string): number {
  return getDb().select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, name)).get()!.id;
}
function field(name: string) {
  return getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.name, name)).get()!;
}
function kleinhausenGoal() {
  return getDb().select().from(goals).where(eq(goals.municipalityId, municipalityId("Kleinhausen"))).get()!;
}

describe("agenda page", () => {
  it("shows vision, the three focus areas, goals with progress and charts, and projects per field", async () => {
    const staff = await signIn(STAFF);
    const res = await callLoader(agendaRoute.loader, "/agenda", { caller: staff });
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.canEdit).toBe(false);
    expect(data.overview.agenda.vision).toMatch(/Musterstadt 2030/);
    expect(data.overview.focusAreas.map((a: { focusArea: string }) => a.focusArea)).toEqual(["topics", "organisation", "technology"]);
    const fields = data.overview.focusAreas.flatMap((a: { fields: unknown[] }) => a.fields);
    expect(fields).toHaveLength(6);
    expect(fields.some((f: { name: string }) => f.name === "Verwaltung")).toBe(false);
    const buerger = fields.find((f: { name: string }) => f.name === "Bürgerservice und Verwaltungsleistungen");
    const ozg = buerger.goals.find((g: { title: string }) => g.title === "Verwaltungsleistungen online anbieten");
    expect(ozg.current.value).toBe(58);
    expect(ozg.progress).toBeCloseTo((58 - 22) / (90 - 22));
    expect(data.charts[ozg.id]).toMatch(/^<svg role="img" aria-label="Istwerte: Anteil online beantragbarer Leistungen"/);
    expect(buerger.projects.map((p: { title: string }) => p.title)).toContain("Digitaler Bauantrag");
  });
});

describe("vision", () => {
  it("lets the CDO edit it with optimistic locking; staff gets 403", async () => {
    const staff = await signIn(STAFF);
    expect((await callLoader(visionRoute.loader, "/agenda/bearbeiten", { caller: staff })).status).toBe(403);
    const form = { title: "Digitalagenda 2030", vision: "Eine neue Vision für die digitale Stadt Musterstadt.", trainingCoverageTargetPercent: "85", version: "1" };
    expect((await callAction(visionRoute.action, "/agenda/bearbeiten", { caller: staff, form })).status).toBe(403);
    const cdo = await signIn(CDO);
    const invalid = await callAction(visionRoute.action, "/agenda/bearbeiten", { caller: cdo, form: { ...form, vision: "kurz", trainingCoverageTargetPercent: "120" } });
    expect(invalid.status).toBe(400);
    const errors = (await invalid.json()).error;
    expect(errors.vision).toEqual(["Die Vision sollte mindestens 20 Zeichen umfassen."]);
    expect(errors.trainingCoverageTargetPercent).toEqual(["Die Schulungsquote liegt zwischen 0 und 100 %."]);
    expect((await callAction(visionRoute.action, "/agenda/bearbeiten", { caller: cdo, form })).status).toBe(302);
    const agenda = getDb().select().from(agendas).where(eq(agendas.municipalityId, municipalityId("Musterstadt"))).get()!;
    expect(agenda).toMatchObject({ title: "Digitalagenda 2030", trainingCoverageTargetBp: 8500, version: 2 });
    const stale = await callAction(visionRoute.action, "/agenda/bearbeiten", { caller: cdo, form: { ...form, title: "Veraltet" } });
    expect(stale.status).toBe(409);
    expect(getDb().select().from(agendas).where(eq(agendas.id, agenda.id)).get()!.title).toBe("Digitalagenda 2030");
  });
});

describe("fields of action", () => {
  it("adds, renames, reorders and removes unused fields; refuses duplicates and used fields", async () => {
    const cdo = await signIn(CDO);
    const post = (form: Record<string, string>) => callAction(fieldsRoute.action, "/agenda/handlungsfelder", { caller: cdo, form });
    const created = await post({ intent: "create", name: "Gesundheit", focusArea: "topics", description: "" });
    expect(created.status).toBe(200);
    const gesundheit = field("Gesundheit");
    expect(gesundheit.municipalityId).toBe(municipalityId("Musterstadt"));

    const dup = await post({ intent: "create", name: "bildung", focusArea: "topics" });
    expect(dup.status).toBe(400);
    expect((await dup.json()).result.error.name).toEqual(["Ein Handlungsfeld mit diesem Namen gibt es bereits."]);

    expect((await post({ intent: "update", id: String(gesundheit.id), version: "1", name: "Gesundheit und Pflege", focusArea: "topics", description: "Telemedizin" })).status).toBe(200);
    const stale = await post({ intent: "update", id: String(gesundheit.id), version: "1", name: "Alt", focusArea: "topics", description: "" });
    expect(stale.status).toBe(409);

    expect((await post({ intent: "move", id: String(gesundheit.id), direction: "up" })).status).toBe(200);
    const topics = getDb().select().from(fieldsOfAction).where(and(eq(fieldsOfAction.municipalityId, gesundheit.municipalityId), eq(fieldsOfAction.focusArea, "topics"))).all().sort((a, b) => a.sortOrder - b.sortOrder);
    expect(topics.map((f) => f.name).slice(-2)).toEqual(["Gesundheit und Pflege", "Energie und Umwelt"]);

    const used = await post({ intent: "remove", id: String(field("Bildung").id) });
    expect(used.status).toBe(400);
    expect((await used.json()).errors.form[0]).toMatch(/wird noch verwendet \(2 Ziele, 3 Projekte\)/);
    expect((await post({ intent: "remove", id: String(gesundheit.id) })).status).toBe(200);
    expect(getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.id, gesundheit.id)).get()).toBeUndefined();
    const actions = getDb().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.entity, "fieldOfAction"), eq(auditLog.entityId, String(gesundheit.id)))).all().map((a) => a.action);
    expect(actions).toEqual(["create", "update", "move", "delete"]);
  });

  it("answers 404 for another Kommune's field of action", async () => {
    const cdo = await signIn(CDO);
    const foreign = getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.municipalityId, municipalityId("Kleinhausen"))).all();
    const unused = foreign.find((f) => f.name === "Organisation")!;
    const forms: Record<string, string>[] = [
      { intent: "remove", id: String(unused.id) },
      { intent: "move", id: String(unused.id), direction: "down" },
      { intent: "update", id: String(unused.id), version: "1", name: "Übernommen", focusArea: "topics", description: "" },
    ];
    for (const form of forms) {
      expect((await callAction(fieldsRoute.action, "/agenda/handlungsfelder", { caller: cdo, form })).status).toBe(404);
    }
    expect(getDb().select().from(fieldsOfAction).where(eq(fieldsOfAction.id, unused.id)).get()!.name).toBe("Organisation");
  });
});

describe("goals and actual values", () => {
  it("creates a goal, records an actual value and reports progress", async () => {
    const cdo = await signIn(CDO);
    const form = { fieldOfActionId: String(field("Mobilität").id), title: "Mehr Carsharing", indicator: "Carsharing-Stellplätze", unit: "Anzahl", baseline: "10", targetValue: "60", targetDate: "31.12.2028" };
    const res = await callAction(newGoalRoute.action, "/agenda/ziele/neu", { caller: cdo, form });
    expect(res.status).toBe(302);
    const id = Number(res.headers.get("Location")!.split("ziel-")[1]);
    const params = { goalId: String(id) };
    const bad = await callAction(goalRoute.action, `/agenda/ziele/${id}`, { caller: cdo, params, form: { intent: "recordValue", recordedOn: "gestern", value: "x" } });
    expect(bad.status).toBe(400);
    const badErrors = (await bad.json()).result.error;
    expect(badErrors.recordedOn).toEqual(["Der Stichtag ist kein gültiges Datum (TT.MM.JJJJ)."]);
    expect(badErrors.value).toEqual(["Der Istwert muss eine Zahl sein, z. B. 12,5."]);
    expect(getDb().select({ n: count() }).from(goalValues).where(eq(goalValues.goalId, id)).get()!.n).toBe(0);
    const ok = await callAction(goalRoute.action, `/agenda/ziele/${id}`, { caller: cdo, params, form: { intent: "recordValue", recordedOn: "01.06.2026", value: "35", note: "" } });
    expect(ok.status).toBe(200);
    const page = await (await callLoader(goalRoute.loader, `/agenda/ziele/${id}`, { caller: cdo, params })).json();
    expect(page.goal.progress).toBeCloseTo(0.5);
    expect(page.chart).toMatch(/<svg/);
    const edit = await callAction(goalRoute.action, `/agenda/ziele/${id}`, { caller: cdo, params, form: { ...form, intent: "saveGoal", targetValue: "10", version: "1" } });
    expect(edit.status).toBe(400);
    expect((await edit.json()).result.error.targetValue).toEqual(["Der Zielwert muss sich vom Ausgangswert unterscheiden."]);
  });

  it("takes the latest value dated on or before today as current, refuses future dates, corrects and deletes values (audited)", async () => {
    const cdo = await signIn(CDO);
    const form = { fieldOfActionId: String(field("Mobilität").id), title: "Mehr Ladesäulen", indicator: "Ladepunkte", unit: "Anzahl", baseline: "0", targetValue: "100", targetDate: "31.12.2030" };
    const id = Number((await callAction(newGoalRoute.action, "/agenda/ziele/neu", { caller: cdo, form })).headers.get("Location")!.split("ziel-")[1]);
    const params = { goalId: String(id) };
    const post = (f: Record<string, string>) => callAction(goalRoute.action, `/agenda/ziele/${id}`, { caller: cdo, params, form: f });
    const values = () => getDb().select().from(goalValues).where(eq(goalValues.goalId, id)).all();
    const audits = (entity: string, action: string) =>
      getDb().select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.action, action))).all();

    const future = await post({ intent: "recordValue", recordedOn: "01.01.2030", value: "100", note: "" });
    expect(future.status).toBe(400);
    expect((await future.json()).result.error.recordedOn).toEqual(["Der Stichtag darf nicht in der Zukunft liegen. Erfassen Sie Istwerte erst, wenn sie gemessen sind."]);
    expect(values()).toHaveLength(0);

    expect((await post({ intent: "recordValue", recordedOn: "01.10.2026", value: "30", note: "" })).status).toBe(200);
    expect((await post({ intent: "recordValue", recordedOn: "01.11.2026", value: "40", note: "Oktober" })).status).toBe(200);
    // a future value stored before the rule existed never becomes current
    const goal = getDb().select().from(goals).where(eq(goals.id, id)).get()!;
    getDb().insert(goalValues).values({ municipalityId: goal.municipalityId, goalId: id, recordedOn: "2030-01-01", value: 100 }).run();
    let page = await (await callLoader(goalRoute.loader, `/agenda/ziele/${id}`, { caller: cdo, params })).json();
    expect(page.goal.current).toMatchObject({ recordedOn: "2026-11-01", value: 40 });
    expect(page.goal.progress).toBeCloseTo(0.4);
    const dashboard = await (await callLoader(overviewRoute.loader, "/", { caller: cdo })).json();
    expect(dashboard.goals.list.find((g: { id: number }) => g.id === id)).toMatchObject({ actualValue: 40, recordedOn: "2026-11-01", share: 0.4 });

    const november = values().find((v) => v.recordedOn === "2026-11-01")!;
    const wrong = await post({ intent: "correctValue", valueId: String(november.id), recordedOn: "01.02.2031", value: "45", note: "" });
    expect(wrong.status).toBe(400);
    expect(values().find((v) => v.id === november.id)!.value).toBe(40);
    expect((await post({ intent: "correctValue", valueId: String(november.id), recordedOn: "01.11.2026", value: "45", note: "korrigiert" })).status).toBe(302);
    expect(values().find((v) => v.id === november.id)).toMatchObject({ value: 45, note: "korrigiert" });
    const corrected = audits("goalValue", "update").filter((a) => a.entityId === String(november.id));
    expect(corrected).toHaveLength(1);
    expect(corrected[0].changes).toContain("45");

    expect((await post({ intent: "deleteValue", valueId: String(november.id) })).status).toBe(302);
    expect(values().map((v) => v.recordedOn).sort()).toEqual(["2026-10-01", "2030-01-01"]);
    expect(audits("goalValue", "delete").filter((a) => a.entityId === String(november.id))).toHaveLength(1);
    page = await (await callLoader(goalRoute.loader, `/agenda/ziele/${id}`, { caller: cdo, params })).json();
    expect(page.goal.current).toMatchObject({ recordedOn: "2026-10-01", value: 30 });

    // deleting the goal removes its values and the project assignments, not the project
    const project = getDb().select().from(projects).where(eq(projects.municipalityId, goal.municipalityId)).get()!;
    getDb().insert(projectGoals).values({ municipalityId: goal.municipalityId, projectId: project.id, goalId: id }).run();
    expect((await post({ intent: "deleteGoal" })).headers.get("Location")).toBe("/agenda");
    expect(getDb().select().from(goals).where(eq(goals.id, id)).get()).toBeUndefined();
    expect(values()).toHaveLength(0);
    expect(getDb().select().from(projectGoals).where(eq(projectGoals.goalId, id)).all()).toHaveLength(0);
    expect(getDb().select().from(projects).where(eq(projects.id, project.id)).get()).toBeDefined();
    const deleted = audits("goal", "delete").filter((a) => a.entityId === String(id));
    expect(deleted).toHaveLength(1);
    expect(deleted[0].changes).toContain(String(project.id));
  });

  it("refuses another Kommune's field and goal (404), and staff (403)", async () => {
    const cdo = await signIn(CDO);
    const goal = kleinhausenGoal();
    const params = { goalId: String(goal.id) };
    expect((await callLoader(goalRoute.loader, `/agenda/ziele/${goal.id}`, { caller: cdo, params })).status).toBe(404);
    expect((await callAction(goalRoute.action, `/agenda/ziele/${goal.id}`, { caller: cdo, params, form: { intent: "recordValue", recordedOn: "01.06.2026", value: "99" } })).status).toBe(404);
    const foreignField = goal.fieldOfActionId;
    const res = await callAction(newGoalRoute.action, "/agenda/ziele/neu", {
      caller: cdo,
      form: { fieldOfActionId: String(foreignField), title: "Fremdes Ziel", indicator: "Kennzahl X", unit: "%", baseline: "1", targetValue: "2", targetDate: "01.01.2028" },
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fieldOfActionId).toEqual(["Bitte wählen Sie ein Handlungsfeld dieser Kommune."]);
    const staff = await signIn(STAFF);
    expect((await callLoader(newGoalRoute.loader, "/agenda/ziele/neu", { caller: staff })).status).toBe(403);
  });
});
