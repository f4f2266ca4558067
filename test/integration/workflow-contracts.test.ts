import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { workflowDefinitions } from "../../db/schema";
import * as definitionsRoute from "~/routes/_app.verwaltung.ablaeufe._index";
import * as editorRoute from "~/routes/_app.verwaltung.ablaeufe.$key.bearbeiten";
import { getDb, transaction } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { contractIssues } from "~/workflow/contract";
import type { WorkflowDefinition } from "~/workflow/definition";
import { BUILT_IN_DEFINITIONS, builtInDefinition } from "~/workflow/definitions";
import { deployDefinition } from "~/workflow/definitions.server";
import type { EditorForm } from "~/workflow/editor-form";
import type { EditorPage } from "~/workflow/editor.server";
import { subjectProvider } from "~/workflow/registry.server";
import { editorFormData } from "../support/editor-form";
import { auditCount, municipalityId } from "../support/foundation";
import { type Caller, callAction, callLoader, jsonBody, signIn } from "../support/requests";
import { callerFor } from "../support/workflow-fixtures";

let cdo: Caller;

beforeAll(async () => {
  cdo = await signIn("cdo@musterstadt.example");
});

const deployedVersions = (key: string) =>
  getDb()
    .select({ v: workflowDefinitions.definitionVersion })
    .from(workflowDefinitions)
    .where(and(eq(workflowDefinitions.municipalityId, municipalityId("Musterstadt")), eq(workflowDefinitions.definitionKey, key)))
    .all().length;

/** The built-in funding definition without the Zwischennachweis: sound as a process, but the funding area counts that state as granted. */
function fundingWithoutInterimReport(): WorkflowDefinition {
  const def = structuredClone(builtInDefinition("fundingApplication")!);
  def.states = def.states.filter((s) => s.name !== "interimReport");
  def.transitions = def.transitions.filter((t) => t.from.every((f) => f !== "interimReport") && t.to !== "interimReport");
  return def;
}

const MISSING_INTERIM =
  "Der Status „interimReport“ fehlt; Vorgänge vom Typ „Förderantrag“ brauchen ihn: In diesen Status gilt ein Antrag als bewilligt; Mittelabrufe, Belege und Nachweise hängen daran.";

describe("contracts of the areas' subjects", () => {
  it("are declared by the funding, trainings and project areas, and every built-in definition keeps its contract", () => {
    expect(BUILT_IN_DEFINITIONS.map((d) => d.subjectType).sort()).toEqual(["fundingApplication", "project", "trainingSession"]);
    for (const def of BUILT_IN_DEFINITIONS) {
      const provider = subjectProvider(def.subjectType)!;
      expect(provider.requires?.length, def.key).toBeGreaterThan(0);
      expect(contractIssues(def, provider.requires!, provider.label), def.key).toEqual([]);
    }
    const funding = subjectProvider("fundingApplication")!.requires!;
    expect(funding.flatMap((r) => r.states ?? [])).toEqual(expect.arrayContaining(["approved", "interimReport", "closed", "internalReview"]));
    expect(funding.flatMap((r) => r.transitions ?? []).map((t) => t.name)).toEqual(
      expect.arrayContaining(["recordApproval", "recordRejection", "recordReclaim", "recordAmendmentDecision", "submit"]),
    );
    expect(subjectProvider("trainingSession")!.requires!.flatMap((r) => r.states ?? [])).toEqual(["registrationOpen"]);
  });

  it("refuse a funding version without a granted state through the JSON upload, in German, and save nothing", async () => {
    const before = { rows: deployedVersions("fundingApplication"), audit: auditCount() };
    const res = await callAction(definitionsRoute.action, "/verwaltung/ablaeufe", {
      caller: cdo,
      form: { definition: JSON.stringify(fundingWithoutInterimReport()) },
    });
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([MISSING_INTERIM]);
    expect(deployedVersions("fundingApplication")).toBe(before.rows);
    expect(auditCount()).toBe(before.audit);
  });

  it("refuse a funding version whose release lost the four-eyes check or whose decision step leads elsewhere", () => {
    const def = structuredClone(builtInDefinition("fundingApplication")!);
    const submit = def.transitions.find((t) => t.name === "submit")!;
    submit.guards = submit.guards.filter((g) => g.name !== "fourEyes");
    def.transitions.find((t) => t.name === "recordRejection")!.to = "withdrawn";
    const caller = callerFor("cdo@musterstadt.example");
    const error = (() => {
      try {
        transaction((tx) => deployDefinition(tx, caller, JSON.stringify(def)));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors.definition).toEqual([
      "Der Übergang „recordRejection“ muss zum Status „rejected“ führen, nicht zu „withdrawn“; Vorgänge vom Typ „Förderantrag“ brauchen das: Über diese Schritte wird die Entscheidung des Fördergebers erfasst.",
      "Der Übergang „submit“ muss die Bedingung „Vier-Augen-Prinzip“ (fourEyes) behalten; Vorgänge vom Typ „Förderantrag“ brauchen sie: Einen Förderantrag gibt eine zweite Person frei (Vier-Augen-Prinzip).",
    ]);
    expect(deployedVersions("fundingApplication")).toBe(0);
  });

  it("show the refusal in the form editor next to the states, and save nothing", async () => {
    const path = "/verwaltung/ablaeufe/trainingSession/bearbeiten";
    const params = { key: "trainingSession" };
    const page = await jsonBody<EditorPage>(await callLoader(editorRoute.loader, path, { caller: cdo, params }));
    // Renamed everywhere, so the process itself stays sound: only the trainings area's contract is broken.
    const rename = (s: string | undefined) => (s === "registrationOpen" ? "anmeldungOffen" : s);
    const form: EditorForm = {
      ...page.form,
      states: page.form.states!.map((s) => ({ ...s, name: rename(s.name) })),
      transitions: page.form.transitions!.map((t) => ({ ...t, to: rename(t.to), from: t.from?.map((f) => rename(f)!) })),
    };
    const before = auditCount();
    const data = editorFormData(form);
    data.set("intent", "save");
    const res = await callAction(editorRoute.action, path, { caller: cdo, params, form: data });
    expect(res.status).toBe(422);
    const body = await jsonBody<{ check: { fieldErrors: Record<string, string[]>; formErrors: string[] } }>(res);
    const message =
      "Der Status „registrationOpen“ fehlt; Vorgänge vom Typ „Schulungstermin“ brauchen ihn: Nur in diesem Status (und „fullyBooked“) können sich Beschäftigte anmelden.";
    expect(body.check.fieldErrors.states).toEqual([message]);
    expect(body.check.formErrors).toEqual([message]);
    expect(deployedVersions("trainingSession")).toBe(0);
    expect(auditCount()).toBe(before);

    // Named back, the same form is deployed.
    const fixed = editorFormData(page.form);
    fixed.set("intent", "save");
    expect((await callAction(editorRoute.action, path, { caller: cdo, params, form: fixed })).status).toBe(302);
    expect(deployedVersions("trainingSession")).toBe(1);
  });
});
