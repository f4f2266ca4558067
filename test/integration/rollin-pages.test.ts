import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { programmeSteps } from "../../db/schema";
import { listTemplates, rollOutProgramme } from "~/areas/rollin/programmes.server";
import { providerCallerFor } from "~/areas/rollin/provider.server";
import { getDb } from "~/utils/db.server";
import { todayIso } from "~/utils/format";
import { loader as cockpitLoader } from "~/routes/_app.roll-in._index";
import { loader as inboxLoader } from "~/routes/_app.roll-in.aufgaben";
import { loader as templatesLoader } from "~/routes/_app.roll-in.vorlagen._index";
import { loader as templateLoader } from "~/routes/_app.roll-in.vorlagen.$templateId._index";
import { action as editAction, loader as editLoader } from "~/routes/_app.roll-in.vorlagen.$templateId.bearbeiten";
import { action as newAction } from "~/routes/_app.roll-in.vorlagen.neu";
import { loader as rolloutLoader } from "~/routes/_app.roll-in.vorlagen.$templateId.ausrollen";
import { action as matrixAction, loader as matrixLoader } from "~/routes/_app.roll-in.vorlagen.$templateId.matrix";
import { loader as csvLoader } from "~/routes/_app.roll-in.vorlagen.$templateId.matrix[.csv]";
import { loader as xlsxLoader } from "~/routes/_app.roll-in.vorlagen.$templateId.matrix[.xlsx]";
import { loader as pdfLoader } from "~/routes/_app.roll-in.vorlagen.$templateId.matrix[.pdf]";
import { action as confirmAction, loader as stepsLoader } from "~/routes/_app.programmschritte";
import { municipalityId, userId } from "../support/foundation";
import { pdfTools } from "../support/pdf-tools";
import { csvCells, xlsxAsCsvCells } from "../support/xlsx";
import { callAction, callLoader, signIn } from "../support/requests";

const coordinator = () => providerCallerFor(getDb(), userId("rollin@landesdienst.example"))!;
const template = (part: string) => listTemplates(getDb(), coordinator()).find((t) => t.name.includes(part))!;
const MANAGER = "betreuung@landesdienst.example";

describe("Roll-in pages: who may open them, and what a manager sees", () => {
  it("a Kommune's own user gets 403 on every provider page and export", async () => {
    const cdo = await signIn("cdo@kleinhausen.example");
    const params = { templateId: String(template("EfA").id) };
    for (const [loader, path] of [
      [cockpitLoader, "/roll-in"],
      [inboxLoader, "/roll-in/aufgaben"],
      [templatesLoader, "/roll-in/vorlagen"],
      [templateLoader, `/roll-in/vorlagen/${params.templateId}`],
      [rolloutLoader, `/roll-in/vorlagen/${params.templateId}/ausrollen`],
      [matrixLoader, `/roll-in/vorlagen/${params.templateId}/matrix`],
      [csvLoader, `/roll-in/vorlagen/${params.templateId}/matrix.csv`],
      [xlsxLoader, `/roll-in/vorlagen/${params.templateId}/matrix.xlsx`],
      [pdfLoader, `/roll-in/vorlagen/${params.templateId}/matrix.pdf`],
    ] as const) {
      expect((await callLoader(loader, path, { caller: cdo, params })).status, path).toBe(403);
    }
    const before = getDb().select().from(programmeSteps).all().length;
    const cell = getDb().select().from(programmeSteps).where(eq(programmeSteps.municipalityId, municipalityId("Kleinhausen"))).get()!;
    const res = await callAction(matrixAction, "/m", { caller: cdo, params, form: { intent: "edit", cells: `${cell.id}:${cell.version}`, status: "done" } });
    expect(res.status).toBe(403);
    expect(getDb().select().from(programmeSteps).where(eq(programmeSteps.id, cell.id)).get()!.version).toBe(cell.version);
    expect(getDb().select().from(programmeSteps).all().length).toBe(before);
  });

  it("a manager edits no template: the editor is the coordinator's", async () => {
    const bea = await signIn(MANAGER);
    expect((await callLoader(editLoader, "/e", { caller: bea, params: { templateId: String(template("EfA").id) } })).status).toBe(403);
    expect((await callAction(newAction, "/n", { caller: bea, form: { name: "X" } })).status).toBe(403);
  });

  it("a manager never sees a Kommune not assigned to them: cockpit, inbox, matrix, CSV, PDF", async () => {
    const onboarding = template("Einstieg");
    rollOutProgramme(coordinator(), { templateId: onboarding.id, municipalityIds: [municipalityId("Wiesengrund"), municipalityId("Kleinhausen")], startDate: todayIso() });
    const bea = await signIn(MANAGER);
    const params = { templateId: String(onboarding.id) };
    const cockpit = await (await callLoader(cockpitLoader, "/roll-in?sortierung=aufgaben", { caller: bea })).json();
    expect(cockpit.rows.map((r: { name: string }) => r.name).sort()).toEqual(["Eichenbrück", "Kleinhausen"]);
    expect(cockpit.query.sort).toBe("aufgaben");
    const inbox = await (await callLoader(inboxLoader, "/roll-in/aufgaben", { caller: bea })).json();
    expect(inbox.kommunen.map((k: { name: string }) => k.name)).toEqual(["Eichenbrück", "Kleinhausen"]);
    expect(inbox.tasks.every((t: { municipalityName: string }) => ["Eichenbrück", "Kleinhausen"].includes(t.municipalityName))).toBe(true);
    const matrix = await (await callLoader(matrixLoader, `/roll-in/vorlagen/${onboarding.id}/matrix`, { caller: bea, params })).json();
    expect(matrix.rows.map((r: { name: string }) => r.name)).toEqual(["Kleinhausen"]);
    const coordinatorMatrix = await (await callLoader(matrixLoader, "/m", { caller: await signIn("rollin@landesdienst.example"), params })).json();
    expect(coordinatorMatrix.rows.map((r: { name: string }) => r.name)).toEqual(["Kleinhausen", "Wiesengrund"]);
    const csv = await (await callLoader(csvLoader, "/m.csv", { caller: bea, params })).text();
    expect(csv).toContain("Kleinhausen");
    expect(csv).not.toContain("Wiesengrund");
    // the XLSX download holds the same cells as the CSV (the one table model)
    const xlsx = await callLoader(xlsxLoader, "/m.xlsx", { caller: bea, params });
    expect(xlsx.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(await xlsxAsCsvCells(new Uint8Array(await xlsx.arrayBuffer()))).toEqual(csvCells(csv));
    const pdf = await callLoader(pdfLoader, "/m.pdf", { caller: bea, params });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
    const tools = pdfTools(new Uint8Array(await pdf.arrayBuffer()));
    const text = tools.text(false);
    tools.cleanup();
    expect(text).toContain("Kleinhausen");
    expect(text).not.toContain("Wiesengrund");

    // a cell of Wiesengrund cannot be edited by the manager: German error, nothing changes
    const foreign = getDb().select().from(programmeSteps).where(eq(programmeSteps.municipalityId, municipalityId("Wiesengrund"))).get()!;
    const res = await callAction(matrixAction, "/m", { caller: bea, params, form: { intent: "edit", cells: `${foreign.id}:${foreign.version}`, status: "done" } });
    expect(res.status).toBe(400);
    expect((await res.json()).formErrors.join(" ")).toContain("betreut Ihr Roll-in-Service nicht");
    expect(getDb().select().from(programmeSteps).where(eq(programmeSteps.id, foreign.id)).get()!.status).toBe("open");
  });

  it("the template editor answers German errors at their fields and publishes nothing half", async () => {
    const robin = await signIn("rollin@landesdienst.example");
    const efa = template("EfA");
    const res = await callAction(editAction, "/e", {
      caller: robin,
      params: { templateId: String(efa.id) },
      form: { expectedVersion: String(efa.latestVersion), "phases[0].name": "", "phases[0].steps[0].title": "A", "phases[0].steps[0].dueInDays": "-3", "phases[0].steps[0].responsibleRole": "projectLead" },
    });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error["phases[0].name"]).toEqual(["Name der Phase fehlt."]);
    expect(body.error["phases[0].steps[0].dueInDays"]).toEqual(["Die Fälligkeit liegt nicht vor dem Start."]);
    expect(template("EfA").latestVersion).toBe(efa.latestVersion);
  });

  it("the Kommune confirms only its own done steps; another Kommune's step is unknown", async () => {
    const kleinhausen = await signIn("cdo@kleinhausen.example");
    const list = await (await callLoader(stepsLoader, "/programmschritte", { caller: kleinhausen })).json();
    const done = list.projects.flatMap((p: { steps: { id: number; version: number; status: string }[] }) => p.steps).find((s: { status: string }) => s.status === "done");
    expect(done).toBeTruthy();
    const other = await signIn("cdo@musterstadt.example");
    const refused = await callAction(confirmAction, "/programmschritte", { caller: other, form: { stepId: String(done.id), version: String(done.version) } });
    expect(refused.status).toBe(400);
    expect(getDb().select().from(programmeSteps).where(eq(programmeSteps.id, done.id)).get()!.status).toBe("done");
    const ok = await callAction(confirmAction, "/programmschritte", { caller: kleinhausen, form: { stepId: String(done.id), version: String(done.version) } });
    expect(ok.status).toBe(200);
    expect(getDb().select().from(programmeSteps).where(eq(programmeSteps.id, done.id)).get()!.status).toBe("confirmed");
    const bad = await callAction(confirmAction, "/programmschritte", { caller: kleinhausen, form: { stepId: "abc" } });
    expect(bad.status).toBe(400);
  });
});
