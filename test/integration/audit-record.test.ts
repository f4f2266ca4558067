import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { fieldsOfAction, risks, units } from "../../db/schema";
import * as auditRoute from "~/routes/_app.verwaltung.protokoll";
import * as newRoute from "~/routes/_app.projekte.neu";
import * as pageRoute from "~/routes/_app.projekte.$projectId._index";
import * as editRoute from "~/routes/_app.projekte.$projectId.bearbeiten";
import * as transitionRoute from "~/routes/ablauf.vorgaenge.$instanceId.uebergang";
import { writeAudit } from "~/utils/audit.server";
import { getDb, transaction } from "~/utils/db.server";
import { getWorkflow } from "~/workflow/index.server";
import { municipalityId } from "../support/foundation";
import { type Caller, callAction, callLoader, signIn } from "../support/requests";

const CDO = "cdo@musterstadt.example";

type Line = { type: string; field: string; label: string; before?: string; after?: string; value?: string };
type Entry = { entity: string; entityId: string; action: string; actionLabel: string; record: string; parent: { label: string } | null; changes: Line[] };
type Group = { label: string; entries: Entry[] };

function unitId(name: string): number {
  return getDb().select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
}
function fieldId(name: string): number {
  return getDb().select({ id: fieldsOfAction.id }).from(fieldsOfAction).where(eq(fieldsOfAction.name, name)).get()!.id;
}

async function createEditedProject(caller: Caller) {
  const created = await callAction(newRoute.action, "/projekte/neu", {
    caller,
    form: {
      title: "Digitales Fundbüro",
      description: "Fundsachen online melden",
      fieldOfActionId: String(fieldId("Bürgerservice und Verwaltungsleistungen")),
      leadUnitId: String(unitId("Hauptamt")),
      involvedUnitIds: [String(unitId("Bauamt"))],
      startDate: "01.03.2027",
      endDate: "30.09.2027",
      budgetPlanned: "40.000,00",
      budgetSpent: "0",
    },
  });
  expect(created.status).toBe(302);
  const id = Number(created.headers.get("Location")!.split("/").pop());
  const params = { projectId: String(id) };
  const loaded = await (await callLoader(editRoute.loader, `/projekte/${id}/bearbeiten`, { caller, params })).json();
  const form = { ...loaded.defaults, involvedUnitIds: loaded.defaults.involvedUnitIds.map(String), goalIds: loaded.defaults.goalIds.map(String) };
  delete form.ozgRelevant;
  delete form.efaReuse;
  const edited = await callAction(editRoute.action, `/projekte/${id}/bearbeiten`, {
    caller,
    params,
    form: { ...form, title: "Digitales Fundbüro Musterstadt", leadUnitId: String(unitId("Bauamt")), involvedUnitIds: [] },
  });
  expect(edited.status).toBe(302);
  const page = (form: Record<string, string>) => callAction(pageRoute.action, `/projekte/${id}`, { caller, params, form });
  expect((await page({ intent: "addMilestone", title: "Pilotbetrieb", dueDate: "01.06.2027" })).status).toBe(200);
  expect((await page({ intent: "addRisk", title: "Geringe Nutzung", category: "acceptance", likelihood: "2", impact: "3", mitigation: "" })).status).toBe(200);
  const risk = getDb().select().from(risks).where(eq(risks.projectId, id)).get()!;
  const rerate = { intent: "updateRisk", itemId: String(risk.id), version: String(risk.version), title: risk.title, category: "acceptance", likelihood: "4", impact: "3", mitigation: "Werbung im Amtsblatt" };
  expect((await page(rerate)).status).toBe(200);
  const tenant = { municipalityId: municipalityId("Musterstadt") };
  const instance = getWorkflow(getDb(), tenant, "project", id)!;
  const moved = await callAction(transitionRoute.action, `/ablauf/vorgaenge/${instance.id}/uebergang`, {
    caller,
    params: { instanceId: String(instance.id) },
    form: { transition: "submitForAssessment", expectedVersion: String(instance.version), comment: "Bitte prüfen", redirectTo: `/projekte/${id}` },
  });
  expect(moved.status).toBe(302);
  return id;
}

async function auditPage(caller: Caller, query: string) {
  const res = await callLoader(auditRoute.loader, `/verwaltung/protokoll${query}`, { caller });
  expect(res.status).toBe(200);
  return res.json();
}

function line(entry: Entry | undefined, label: string): Line | undefined {
  return entry?.changes.find((c) => c.label === label);
}

describe("Änderungsprotokoll eines Projekts", () => {
  it("shows creation, edit and the project's milestones, risks and status changes with German labels and names", async () => {
    const caller = await signIn(CDO);
    const id = await createEditedProject(caller);
    const body = await auditPage(caller, `?entity=project&entityId=${id}`);

    expect(body.record).toEqual({ entity: "project", entityId: String(id), label: "Projekt „Digitales Fundbüro Musterstadt“" });
    const groups = body.groups as Group[];
    expect(groups.map((g) => g.label)).toEqual(
      expect.arrayContaining(["Projekt „Digitales Fundbüro Musterstadt“", "Meilenstein „Pilotbetrieb“", "Risiko „Geringe Nutzung“"]),
    );
    expect(groups[0].label).toBe("Projekt „Digitales Fundbüro Musterstadt“");

    const own = groups[0].entries;
    const creation = own.find((e) => e.action === "create");
    expect(creation?.actionLabel).toBe("angelegt");
    expect(line(creation, "Titel")).toEqual({ type: "value", field: "title", label: "Titel", value: "Digitales Fundbüro" });
    expect(line(creation, "Handlungsfeld")?.value).toBe("Bürgerservice und Verwaltungsleistungen");
    expect(line(creation, "Federführende Einheit")?.value).toBe("Hauptamt");
    expect(line(creation, "Beteiligte Einheiten")?.value).toBe("Bauamt");
    expect(line(creation, "Budget geplant")?.value).toBe("40.000,00\u00a0€");
    expect(creation?.changes.some((c) => c.type === "change")).toBe(false);

    const edit = own.find((e) => e.action === "update");
    expect(line(edit, "Titel")).toMatchObject({ type: "change", before: "Digitales Fundbüro", after: "Digitales Fundbüro Musterstadt" });
    expect(line(edit, "Federführende Einheit")).toMatchObject({ type: "change", before: "Hauptamt", after: "Bauamt" });
    expect(line(edit, "Beteiligte Einheiten")).toMatchObject({ type: "change", before: "Bauamt", after: "–" });
    expect(edit?.changes).toHaveLength(3);

    const transition = own.find((e) => e.action === "transition") ?? groups.flatMap((g) => g.entries).find((e) => e.action === "transition");
    expect(transition).toBeDefined();
    expect(line(transition, "Status")).toMatchObject({ type: "change", before: "Idee", after: "Bewertung" });
    expect(line(transition, "Kommentar")?.value).toBe("Bitte prüfen");

    const risk = groups.find((g) => g.label === "Risiko „Geringe Nutzung“")!.entries;
    expect(line(risk.find((e) => e.action === "create"), "Kategorie")?.value).toBe("Akzeptanz/Bürgerakzeptanz");
    expect(line(risk.find((e) => e.action === "update"), "Eintrittswahrscheinlichkeit")).toMatchObject({ before: "2 – gering", after: "4 – hoch" });
    expect(risk[0].parent?.label).toBe("Projekt „Digitales Fundbüro Musterstadt“");
    const milestone = groups.find((g) => g.label === "Meilenstein „Pilotbetrieb“")!.entries;
    expect(line(milestone[0], "Fällig am")?.value).toBe("01.06.2027");

    const text = JSON.stringify(groups);
    for (const internal of ["intent", "version", "updatedAt", "(Nr.)", `project:${id}`, "onTrack", "inProgress\""]) {
      expect(text).not.toContain(internal);
    }
    expect(body.total).toBe(groups.reduce((n, g) => n + g.entries.length, 0));
  });

  it("names records in the general list and shows an old entry's shape readably", async () => {
    const caller = await signIn(CDO);
    const id = await createEditedProject(caller);
    transaction((tx) =>
      writeAudit(tx, {
        actor: { userId: null, label: "System" },
        municipalityId: municipalityId("Musterstadt"),
        entity: "milestone",
        entityId: 999_001,
        action: "create",
        details: { legacy: true },
        parent: { entity: "project", id },
      }),
    );
    const body = await auditPage(caller, "?entity=milestone");
    const entries = body.entries as Entry[];
    expect(entries[0].record).toBe("Meilenstein Nr. 999001");
    expect(entries[0].parent?.label).toBe("Projekt „Digitales Fundbüro Musterstadt“");
    const named = entries.find((e) => e.record === "Meilenstein „Pilotbetrieb“");
    expect(named?.parent?.label).toBe("Projekt „Digitales Fundbüro Musterstadt“");
  });
});
