import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { assessmentCriteria, assessmentScores, auditLog, milestones, municipalities, projectAssessments, projects, risks } from "../../db/schema";
import { recomputeProjectClassification } from "~/areas/assessment/assessment.server";
import { reclassifyAllMunicipalities } from "~/areas/assessment/workflow.server";
import * as assessRoute from "~/routes/_app.bewertung.$projectId";
import * as criteriaRoute from "~/routes/_app.bewertung.kriterien";
import * as portfolioRoute from "~/routes/_app.projekte.portfolio";
import * as projectPageRoute from "~/routes/_app.projekte.$projectId._index";
import * as riskRoute from "~/routes/_app.projekte.risiken";
import * as chartRoute from "~/routes/diagramme.$name.$file";
import { getDb, transaction } from "~/utils/db.server";
import { callAction, callLoader, signIn } from "../support/requests";

const db = () => getDb();

function municipalityId(name: string) {
  return db().select().from(municipalities).where(eq(municipalities.name, name)).get()!.id;
}

function projectId(title: string) {
  return db().select().from(projects).where(eq(projects.title, title)).get()!.id;
}

function criteria(name = "Musterstadt") {
  return db().select().from(assessmentCriteria).where(eq(assessmentCriteria.municipalityId, municipalityId(name))).all();
}

function assessment(id: number) {
  return db().select().from(projectAssessments).where(eq(projectAssessments.projectId, id)).get();
}

/** A complete form: every active criterion scored with `score` (or per key). */
function scoreForm(score: number, version: number, overrides: Record<string, number> = {}) {
  const form: Record<string, string> = { version: String(version) };
  for (const c of criteria().filter((c) => c.active)) {
    form[`score-${c.id}`] = String(overrides[c.key] ?? score);
    form[`comment-${c.id}`] = `Kommentar ${c.key}`;
  }
  return form;
}

describe("assessment form", () => {
  it("saves the scores, classifies the project, shows the reason and audits it", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = projectId("Digitale Ratsarbeit");
    expect(assessment(id)).toBeUndefined();
    const res = await callAction(assessRoute.action, `/bewertung/${id}`, {
      caller: cdo,
      params: { projectId: String(id) },
      form: scoreForm(1, 0, { benefit: 2 }),
    });
    expect(res.status).toBe(302);
    const saved = assessment(id)!;
    expect(saved.classification).toBe("laggard");
    expect(saved.needsSupport).toBe(true);
    expect(saved.reason).toMatch(/^Nachzügler: Die Gesamtbewertung liegt mit 1,\d von 4 unter 2,0/);
    expect(saved.reason).toContain("Beratungsbedarf, schwächste Kriterien:");
    expect(db().select().from(assessmentScores).where(eq(assessmentScores.projectId, id)).all()).toHaveLength(10);
    const audit = db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1).get()!;
    expect(audit).toMatchObject({ entity: "projectAssessment", entityId: String(id), action: "create", actorLabel: "cdo@musterstadt.example" });
    expect(JSON.parse(audit.changes).changes.classification.to).toBe("laggard");

    const page = await (await callLoader(assessRoute.loader, `/bewertung/${id}`, { caller: cdo, params: { projectId: String(id) } })).json();
    expect(page.assessment.reason).toBe(saved.reason);
    expect(page.sheet.find((r: { criterion: { key: string } }) => r.criterion.key === "benefit").score).toBe(2);

    // raising the scores turns it into a lighthouse (no overdue milestones, no spending yet)
    const again = await callAction(assessRoute.action, `/bewertung/${id}`, {
      caller: cdo,
      params: { projectId: String(id) },
      form: scoreForm(4, saved.version),
    });
    expect(again.status).toBe(302);
    expect(assessment(id)!.classification).toBe("lighthouse");
    expect(assessment(id)!.version).toBe(saved.version + 1);
  });

  it("detects a concurrent assessment through the version", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = projectId("Wohngeld online");
    const seen = assessment(id)!.version;
    const admin = await signIn("admin@fahrplan.example", "Musterstadt");
    const first = await callAction(assessRoute.action, `/bewertung/${id}`, { caller: admin, params: { projectId: String(id) }, form: scoreForm(3, seen) });
    expect(first.status).toBe(302);
    const after = assessment(id)!;
    // the CDO still submits the version they loaded before the admin saved
    const res = await callAction(assessRoute.action, `/bewertung/${id}`, {
      caller: cdo,
      params: { projectId: String(id) },
      form: scoreForm(0, seen),
    });
    expect(res.status).toBe(409);
    expect((await res.json()).formErrors[0]).toMatch(/inzwischen von jemand anderem geändert/);
    expect(assessment(id)).toEqual(after);
  });

  it("rejects an incomplete form with German errors next to the fields and saves nothing", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = projectId("Tablet-Ausleihe Stadtbibliothek");
    const form = scoreForm(3, 0);
    const first = criteria().find((c) => c.key === "itSecurity")!;
    delete form[`score-${first.id}`];
    form[`score-${criteria().find((c) => c.key === "reuse")!.id}`] = "7";
    const res = await callAction(assessRoute.action, `/bewertung/${id}`, { caller: cdo, params: { projectId: String(id) }, form });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors[`score-${first.id}`]).toEqual(["Bitte bewerten Sie „IT-Sicherheit und Datenschutz“ mit 0 bis 4."]);
    expect(Object.values(body.fieldErrors).flat()).toContain("Die Bewertung muss eine ganze Zahl von 0 bis 4 sein.");
    expect(assessment(id)).toBeUndefined();
    expect(db().select().from(assessmentScores).where(eq(assessmentScores.projectId, id)).all()).toEqual([]);
  });

  it("lets staff and the council see but not change an assessment", async () => {
    const id = projectId("Chatbot für Bürgeranfragen");
    for (const email of ["mitarbeiter@musterstadt.example", "rat@musterstadt.example"]) {
      const caller = await signIn(email);
      const page = await callLoader(assessRoute.loader, `/bewertung/${id}`, { caller, params: { projectId: String(id) } });
      expect(page.status).toBe(200);
      const body = await page.json();
      expect(body.canAssess).toBe(false);
      expect(body.assessment.classification).toBe("laggard");
      const res = await callAction(assessRoute.action, `/bewertung/${id}`, { caller, params: { projectId: String(id) }, form: scoreForm(4, 1) });
      expect(res.status).toBe(403);
    }
    expect(assessment(id)!.classification).toBe("laggard");
  });

  it("answers 404 for another Kommune's project, reading and writing", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const foreign = projectId("Kleinhausen: EfA-Leistungen übernehmen");
    const before = assessment(foreign);
    const page = await callLoader(assessRoute.loader, `/bewertung/${foreign}`, { caller: cdo, params: { projectId: String(foreign) } });
    expect(page.status).toBe(404);
    const res = await callAction(assessRoute.action, `/bewertung/${foreign}`, {
      caller: cdo,
      params: { projectId: String(foreign) },
      form: scoreForm(0, before?.version ?? 0),
    });
    expect(res.status).toBe(404);
    expect(assessment(foreign)).toEqual(before);
  });

  it("rejects a form without CSRF token", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = projectId("Open-Data-Portal");
    const res = await callAction(assessRoute.action, `/bewertung/${id}`, { caller: cdo, params: { projectId: String(id) }, form: scoreForm(4, 1), withoutCsrf: true });
    expect(res.status).toBe(403);
  });
});

describe("reclassification when progress changes", () => {
  it("turns a project into a laggard once milestones become overdue, and back when they are done", async () => {
    const id = projectId("Gewerbeanmeldung digital");
    const tenant = { municipalityId: municipalityId("Musterstadt") };
    expect(assessment(id)!.classification).toBe("onTrack");
    const ids = transaction((tx) =>
      ["Formular fertig", "Schnittstelle fertig"].map(
        (title) =>
          tx
            .insert(milestones)
            .values({ municipalityId: tenant.municipalityId, projectId: id, title, dueDate: "2020-01-01" })
            .returning({ id: milestones.id })
            .get().id,
      ),
    );
    transaction((tx) => recomputeProjectClassification(tx, tenant, id));
    const late = assessment(id)!;
    expect(late.classification).toBe("laggard");
    expect(late.reason).toContain("2 Meilensteine sind überfällig");
    const audit = db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, "projectAssessment"), eq(auditLog.action, "reclassify")))
      .orderBy(desc(auditLog.id))
      .get()!;
    expect(JSON.parse(audit.changes).changes.classification).toEqual({ from: "onTrack", to: "laggard" });

    for (const mid of ids) db().update(milestones).set({ doneAt: "2020-01-02" }).where(eq(milestones.id, mid)).run();
    // the background job: one short transaction per Kommune
    const changed = await reclassifyAllMunicipalities();
    expect(changed).toBeGreaterThanOrEqual(1);
    expect(assessment(id)!.classification).toBe("onTrack");
    // a second run changes nothing: the job is idempotent
    expect(await reclassifyAllMunicipalities()).toBe(0);
  });
});

describe("criteria and weights", () => {
  it("lets the CDO change a weight, which reclassifies the Kommune's projects, with audit", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const staffing = criteria().find((c) => c.key === "staffing")!;
    const smart = projectId("E-Akte Einführung");
    const before = assessment(smart)!;
    const classesBefore = db().select().from(projectAssessments).all();
    const auditsBefore = db().select().from(auditLog).all().length;
    const form = { intent: "update", id: String(staffing.id), version: String(staffing.version), label: staffing.label, description: "", weight: "10", active: "on" };

    // first the preview: which projects would change class; nothing is saved yet
    const preview = await callAction(criteriaRoute.action, "/bewertung/kriterien", { caller: cdo, form });
    expect(preview.status).toBe(200);
    const shown = (await preview.json()).preview;
    expect(shown.before).toMatchObject({ weight: 1 });
    expect(shown.weight).toBe(10);
    expect(criteria().find((c) => c.key === "staffing")!.weight).toBe(1);
    expect(db().select().from(projectAssessments).all()).toEqual(classesBefore);
    expect(db().select().from(auditLog).all().length).toBe(auditsBefore);

    const res = await callAction(criteriaRoute.action, "/bewertung/kriterien", { caller: cdo, form: { ...form, confirm: "1" } });
    expect(res.status).toBe(200);
    expect((await res.json()).ok).toBe(true);
    // the preview named exactly the projects whose class changed
    const changed = db()
      .select()
      .from(projectAssessments)
      .all()
      .filter((a) => classesBefore.find((b) => b.id === a.id)!.classification !== a.classification)
      .map((a) => ({ projectId: a.projectId, after: a.classification }));
    expect(shown.changes.map((c: { projectId: number; after: string }) => ({ projectId: c.projectId, after: c.after }))).toEqual(
      expect.arrayContaining(changed),
    );
    expect(shown.changes).toHaveLength(changed.length);
    expect(changed.length).toBeGreaterThan(0);
    expect(criteria().find((c) => c.key === "staffing")!.weight).toBe(10);
    expect(assessment(smart)!.organisationScore).not.toBe(before.organisationScore);
    const audit = db().select().from(auditLog).where(eq(auditLog.entity, "assessmentCriterion")).orderBy(desc(auditLog.id)).get()!;
    expect(audit.action).toBe("update");
    expect(JSON.parse(audit.changes).changes).toMatchObject({ weight: { from: 1, to: 10 } });

    // stale version → conflict; invalid weight → German field error; nothing saved
    const stale = await callAction(criteriaRoute.action, "/bewertung/kriterien", {
      caller: cdo,
      form: { intent: "update", id: String(staffing.id), version: String(staffing.version), label: "X Y Z", description: "", weight: "2" },
    });
    expect(stale.status).toBe(409);
    const invalid = await callAction(criteriaRoute.action, "/bewertung/kriterien", {
      caller: cdo,
      form: { intent: "create", focusArea: "technology", label: "Cloud", description: "", weight: "11" },
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).fieldErrors.weight).toEqual(["Das Gewicht darf höchstens 10 sein."]);
    const duplicate = await callAction(criteriaRoute.action, "/bewertung/kriterien", {
      caller: cdo,
      form: { intent: "create", focusArea: "technology", label: "it-sicherheit und datenschutz", description: "", weight: "1" },
    });
    expect((await duplicate.json()).fieldErrors.label).toEqual(["Ein Kriterium mit dieser Bezeichnung gibt es bereits."]);
    expect(criteria()).toHaveLength(10);
  });

  it("adds a criterion that the next assessment must score", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const res = await callAction(criteriaRoute.action, "/bewertung/kriterien", {
      caller: cdo,
      form: { intent: "create", focusArea: "technology", label: "Cloud-Fähigkeit", description: "Betrieb in der Landescloud", weight: "2" },
    });
    expect(res.status).toBe(200);
    const created = criteria().find((c) => c.label === "Cloud-Fähigkeit")!;
    expect(created).toMatchObject({ focusArea: "technology", weight: 2, active: true });
    const id = projectId("Wohngeld online");
    const partial = scoreForm(3, assessment(id)!.version);
    delete partial[`score-${created.id}`];
    const refused = await callAction(assessRoute.action, `/bewertung/${id}`, { caller: cdo, params: { projectId: String(id) }, form: partial });
    expect(refused.status).toBe(400);
    expect((await refused.json()).fieldErrors[`score-${created.id}`]).toBeDefined();
  });

  it("refuses criteria changes to staff and answers 404 for another Kommune's criterion", async () => {
    const staff = await signIn("mitarbeiter@musterstadt.example");
    const own = criteria()[0];
    const denied = await callAction(criteriaRoute.action, "/bewertung/kriterien", {
      caller: staff,
      form: { intent: "update", id: String(own.id), version: String(own.version), label: "Neu", description: "", weight: "3" },
    });
    expect(denied.status).toBe(403);
    const cdo = await signIn("cdo@musterstadt.example");
    const foreign = criteria("Kleinhausen")[0];
    const res = await callAction(criteriaRoute.action, "/bewertung/kriterien", {
      caller: cdo,
      form: { intent: "update", id: String(foreign.id), version: String(foreign.version), label: "Übernommen", description: "", weight: "3" },
    });
    expect(res.status).toBe(404);
    expect(criteria("Kleinhausen")[0]).toEqual(foreign);
    const list = await (await callLoader(criteriaRoute.loader, "/bewertung/kriterien", { caller: cdo })).json();
    expect(list.criteria.every((c: { municipalityId: number }) => c.municipalityId === municipalityId("Musterstadt"))).toBe(true);
  });
});

describe("portfolio view", () => {
  it("shows the Kommune's projects with scores, a chart with an accessible name, and filters by classification", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const body = await (await callLoader(portfolioRoute.loader, "/projekte/portfolio", { caller: cdo })).json();
    expect(body.chart).toMatchObject({ alt: expect.stringMatching(/^Portfolio/), src: expect.stringMatching(/^\/diagramme\/portfolio\/[\w-]{22}\.svg$/) });
    const [, , name, file] = body.chart.src.split("/");
    const image = await callLoader(chartRoute.loader, body.chart.src, { caller: cdo, params: { name, file } });
    expect(image.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    expect(await image.text()).toMatch(/^<svg role="img" aria-label="Portfolio/);
    expect(body.counts.laggard).toBeGreaterThan(0);
    expect(body.counts.lighthouse).toBeGreaterThan(0);
    expect(body.counts.onTrack).toBeGreaterThan(0);
    expect(body.projects.some((p: { title: string }) => p.title.startsWith("Kleinhausen"))).toBe(false);
    const laggards = await (await callLoader(portfolioRoute.loader, "/projekte/portfolio?einstufung=laggard", { caller: cdo })).json();
    expect(laggards.projects.length).toBe(body.counts.laggard);
    expect(laggards.projects.every((p: { classification: string }) => p.classification === "laggard")).toBe(true);
    const kleinhausen = await signIn("cdo@kleinhausen.example");
    const other = await (await callLoader(portfolioRoute.loader, "/projekte/portfolio", { caller: kleinhausen })).json();
    // Kleinhausen sees its own projects (its own ones and the roll-in programme's) and none of Musterstadt's.
    const ownTitles = new Set((body.projects as { title: string }[]).map((p) => p.title));
    expect(other.projects.length).toBeGreaterThan(0);
    expect(other.projects.some((p: { title: string }) => ownTitles.has(p.title))).toBe(false);
  });
});

describe("risks and schedule in the classification", () => {
  it("does not rate the issue's project (4×4 risk, depends on a laggard ending after it) a lighthouse", () => {
    // Demo: „Digitaler Bauantrag“ has a 4 × 4 risk and needs „E-Akte Einführung“ (a laggard ending in 2028).
    const saved = assessment(projectId("Digitaler Bauantrag"))!;
    expect(saved.classification).toBe("laggard");
    expect(saved.reason).toContain("„E-Akte Einführung“, von dem das Projekt abhängt, endet erst am");
    expect(saved.reason).toContain("ein hohes Risiko ist offen: „Sachbearbeitung noch nicht mit dem Fachverfahren vertraut“ (16)");
    expect(saved.reason).not.toContain("Zeitplan und Budget sind eingehalten");
  });

  it("reclassifies on saving a risk, a dependency or a milestone and warns next to the form without blocking", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = projectId("Digitallotsen-Netzwerk");
    const rated = await callAction(assessRoute.action, `/bewertung/${id}`, { caller: cdo, params: { projectId: String(id) }, form: scoreForm(4, assessment(id)!.version) });
    expect(rated.status).toBe(302);
    expect(assessment(id)!.classification).toBe("lighthouse");
    const post = (form: Record<string, string>) =>
      callAction(projectPageRoute.action, `/projekte/${id}`, { caller: cdo, params: { projectId: String(id) }, form });

    const risk = await post({ intent: "addRisk", title: "Schnittstelle zum Fachverfahren fehlt", category: "technologySecurity", likelihood: "4", impact: "4" });
    expect(risk.status).toBe(200);
    expect((await risk.json()).warnings).toEqual([
      "Ein hohes Risiko ist offen: „Schnittstelle zum Fachverfahren fehlt“ (16).",
      // the demo's „Change-Management Digitalisierung“ needs this project and starts before it ends
      expect.stringMatching(/^„Change-Management Digitalisierung“ hängt von diesem Projekt ab und beginnt am .+, vor dessen Ende \(.+\)\.$/),
    ]);
    expect(assessment(id)!.classification).toBe("onTrack");
    expect(assessment(id)!.reason).toContain("ein hohes Risiko ist offen");

    const eAkte = projectId("E-Akte Einführung");
    const dependency = await post({ intent: "addDependency", dependsOnProjectId: String(eAkte) });
    expect(dependency.status).toBe(200);
    const warnings: string[] = (await dependency.json()).warnings;
    expect(warnings.some((w) => w.startsWith("„E-Akte Einführung“, von dem das Projekt abhängt, endet erst am"))).toBe(true);
    expect(assessment(id)!.classification).toBe("laggard");

    const end = db().select().from(projects).where(eq(projects.id, id)).get()!.endDate!;
    const later = `${Number(end.slice(0, 4)) + 1}${end.slice(4)}`;
    const milestone = await post({ intent: "addMilestone", title: "Abnahme nach Projektende", dueDate: later.split("-").reverse().join(".") });
    expect(milestone.status).toBe(200);
    expect((await milestone.json()).warnings.some((w: string) => w.startsWith("Der Meilenstein „Abnahme nach Projektende“"))).toBe(true);

    const page = await (await callLoader(projectPageRoute.loader, `/projekte/${id}`, { caller: cdo, params: { projectId: String(id) } })).json();
    expect(page.warnings.length).toBeGreaterThanOrEqual(3);
  });

  it("counts only open risks: closing a high risk takes it out of the classification, reopening brings it back (audited)", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const id = projectId("Digitaler Bauantrag");
    const risk = db().select().from(risks).where(and(eq(risks.projectId, id), eq(risks.title, "Sachbearbeitung noch nicht mit dem Fachverfahren vertraut"))).get()!;
    const post = (form: Record<string, string>) =>
      callAction(projectPageRoute.action, `/projekte/${id}`, { caller: cdo, params: { projectId: String(id) }, form });
    expect(assessment(id)!.reason).toContain("ein hohes Risiko ist offen");

    const closed = await post({ intent: "closeRisk", itemId: String(risk.id) });
    expect(closed.status).toBe(200);
    expect(db().select().from(risks).where(eq(risks.id, risk.id)).get()!.closedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(assessment(id)!.reason).not.toContain("hohes Risiko");
    const page = await (await callLoader(projectPageRoute.loader, `/projekte/${id}`, { caller: cdo, params: { projectId: String(id) } })).json();
    expect(page.warnings.some((w: string) => w.includes("hohes Risiko"))).toBe(false);
    expect(page.detail.risks.find((r: { id: number }) => r.id === risk.id).closedAt).not.toBeNull();
    // the portfolio risk matrix lists open risks only
    const matrix = await (await callLoader(riskRoute.loader, "/projekte/risiken", { caller: cdo })).json();
    expect(JSON.stringify(matrix)).not.toContain(risk.title);
    const entry = db().select().from(auditLog).where(and(eq(auditLog.entity, "risk"), eq(auditLog.entityId, String(risk.id)))).orderBy(desc(auditLog.id)).get()!;
    expect(entry.action).toBe("close");
    expect(JSON.parse(entry.changes).changes.closedAt).toEqual({ from: null, to: expect.stringMatching(/^\d{4}-/) });

    const again = await post({ intent: "closeRisk", itemId: String(risk.id) });
    expect(again.status).toBe(400);
    expect((await again.json()).message).toBe("Das Risiko ist bereits geschlossen.");

    const reopened = await post({ intent: "reopenRisk", itemId: String(risk.id) });
    expect(reopened.status).toBe(200);
    expect(db().select().from(risks).where(eq(risks.id, risk.id)).get()!.closedAt).toBeNull();
    expect(assessment(id)!.reason).toContain("ein hohes Risiko ist offen");
  });

  it("reclassifies the dependent projects when a prerequisite's dates change", () => {
    const eAkte = projectId("E-Akte Einführung");
    const bauantrag = projectId("Digitaler Bauantrag");
    const musterstadt = { municipalityId: municipalityId("Musterstadt") };
    transaction((tx) => {
      tx.update(projects).set({ endDate: "2026-03-01" }).where(eq(projects.id, eAkte)).run();
      recomputeProjectClassification(tx, musterstadt, eAkte);
    });
    expect(assessment(bauantrag)!.reason).not.toContain("„E-Akte Einführung“, von dem das Projekt abhängt");
  });
});
