import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, workflowDefinitions } from "../../db/schema";
import * as editorRoute from "~/routes/_app.verwaltung.ablaeufe.$key.bearbeiten";
import { getDb } from "~/utils/db.server";
import type { EditorForm } from "~/workflow/editor-form";
import type { EditorPage } from "~/workflow/editor.server";
import { editorFormData } from "../support/editor-form";
import { auditCount, municipalityId } from "../support/foundation";
import { type Caller, callAction, callLoader, jsonBody, signIn } from "../support/requests";

let cdo: Caller;
let staff: Caller;
const PATH = "/verwaltung/ablaeufe/trainingSession/bearbeiten";
const params = { key: "trainingSession" };

beforeAll(async () => {
  cdo = await signIn("cdo@musterstadt.example");
  staff = await signIn("mitarbeiter@musterstadt.example");
});

const versions = () =>
  getDb()
    .select({ v: workflowDefinitions.definitionVersion, text: workflowDefinitions.definition })
    .from(workflowDefinitions)
    .where(and(eq(workflowDefinitions.municipalityId, municipalityId("Musterstadt")), eq(workflowDefinitions.definitionKey, "trainingSession")))
    .all();

async function page(): Promise<EditorPage> {
  const res = await callLoader(editorRoute.loader, PATH, { caller: cdo, params });
  expect(res.status).toBe(200);
  return jsonBody<EditorPage>(res);
}

async function post(form: EditorForm, intent: string) {
  const data = editorFormData(form);
  data.set("intent", intent);
  const res = await callAction(editorRoute.action, PATH, { caller: cdo, params, form: data });
  return { res, body: res.status === 302 ? undefined : await jsonBody(res) };
}

describe("form-based definition editor", () => {
  it("is only for those who may deploy, and only for definitions of the Kommune", async () => {
    expect((await callLoader(editorRoute.loader, PATH, { caller: staff, params })).status).toBe(403);
    const unknown = await callLoader(editorRoute.loader, "/verwaltung/ablaeufe/gibtsnicht/bearbeiten", { caller: cdo, params: { key: "gibtsnicht" } });
    expect(unknown.status).toBe(404);
    const form = (await page()).form;
    const res = await callAction(editorRoute.action, PATH, { caller: staff, params, form: editorFormData(form) });
    expect(res.status).toBe(403);
  });

  it("refuses a broken form with German errors next to the fields and saves nothing", async () => {
    const { form } = await page();
    const before = { rows: versions().length, audit: auditCount() };
    form.states![1].label = "";
    form.transitions![0].to = "nirgendwo";
    form.transitions![0].roles = [];
    form.states![1].tasks = [{ title: "Raum buchen", dueInDays: "bald", assigneeRole: "cdo" }];
    form.transitions![1].guards = [{ name: "hasRole", params: {} }];
    const { res, body } = await post(form, "save");
    expect(res.status).toBe(422);
    const errors = body.check.fieldErrors as Record<string, string[]>;
    expect(errors["states[1].tasks[0].dueInDays"]).toEqual(["Bitte geben Sie eine ganze Zahl ein."]);
    // With the format fixed, the validator's findings stay next to their fields.
    form.states![1].tasks![0].dueInDays = "3";
    const second = await post(form, "save");
    expect(second.res.status).toBe(422);
    const fieldErrors = second.body.check.fieldErrors as Record<string, string[]>;
    expect(fieldErrors["states[1].label"]?.join(" ")).toMatch(/Bezeichnung/);
    expect(fieldErrors["transitions[0].roles"]?.join(" ")).toMatch(/mindestens eine Rolle/);
    expect(second.body.check.formErrors.join(" ")).toMatch(/Status 2/);
    expect(versions().length).toBe(before.rows);
    expect(auditCount()).toBe(before.audit);
    // The form comes back as posted, so nothing typed is lost.
    expect(second.body.form.transitions[0].to).toBe("nirgendwo");
  });

  it("names rule violations of the validator (unknown state, guard parameters) at their field", async () => {
    const { form } = await page();
    form.transitions![0].to = "nirgendwo";
    form.transitions![1].guards = [{ name: "hasRole", params: {} }];
    const { res, body } = await post(form, "preview");
    expect(res.status).toBe(422);
    const errors = body.check.fieldErrors as Record<string, string[]>;
    expect(errors["transitions[0].to"]).toEqual(["Den Status „nirgendwo“ gibt es nicht."]);
    expect(errors["transitions[1].guards[0].params.roles"]?.join(" ")).toMatch(/Ungültige Parameter/);
    expect(body.check.formErrors.some((m: string) => m.includes("unbekannten Status „nirgendwo“"))).toBe(true);
    expect(versions().length).toBe(0);
  });

  it("adds and removes list entries without saving, and previews the diagram from the form", async () => {
    const { form } = await page();
    const added = await post(form, "add:transitions[0].guards");
    expect(added.res.status).toBe(200);
    expect(added.body.form.transitions[0].guards).toHaveLength(form.transitions![0].guards!.length + 1);
    expect(added.body.check.formErrors).toEqual([]);
    form.states![0].label = "Vorgemerkt";
    const preview = await post(form, "preview");
    expect(preview.res.status).toBe(200);
    expect(preview.body.check.ok).toBe(true);
    expect(JSON.stringify(preview.body.check.diagram)).toContain("Vorgemerkt");
    expect((await post(form, "add:states[0].__proto__")).res.status).toBe(400);
    expect(versions().length).toBe(0);
  });

  it("saves a valid form as the next version through the deploy path, audited", async () => {
    const { form } = await page();
    form.states![0].label = "Vorgemerkt";
    form.transitions![0].guards = [{ name: "hasRole", params: { roles: ["cdo", "admin"] } }];
    const before = auditCount();
    const { res } = await post(form, "save");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/verwaltung/ablaeufe/trainingSession?version=2&bereitgestellt=1");
    const [row] = versions();
    expect(row.v).toBe(2);
    const saved = JSON.parse(row.text);
    expect(saved.states[0].label).toBe("Vorgemerkt");
    expect(saved.transitions[0].guards).toEqual([{ name: "hasRole", params: { roles: ["cdo", "admin"] } }]);
    expect(auditCount()).toBe(before + 1);
    const entry = getDb().select().from(auditLog).where(eq(auditLog.entityId, "trainingSession@2")).get();
    expect(entry?.action).toBe("deploy");
    // The editor now starts from version 2 and offers version 3.
    expect((await page()).nextVersion).toBe(3);
  });

  it("takes pasted JSON into the form, and refuses JSON for another key", async () => {
    const p = await page();
    const def = JSON.parse(p.json);
    def.states[0].label = "Aus JSON";
    const ok = await post({ ...p.form, json: JSON.stringify(def) }, "fromJson");
    expect(ok.res.status).toBe(200);
    expect(ok.body.form.states[0].label).toBe("Aus JSON");
    const other = await post({ ...p.form, json: JSON.stringify({ ...def, key: "project" }) }, "fromJson");
    expect(other.res.status).toBe(422);
    expect(other.body.check.formErrors.join(" ")).toMatch(/Schlüssel und Gegenstand müssen bleiben/);
    const broken = await post({ ...p.form, json: "{kaputt" }, "fromJson");
    expect(broken.body.check.formErrors.join(" ")).toMatch(/kein gültiges JSON/);
  });
});
