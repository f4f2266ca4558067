import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { programmeRollouts, programmeSteps, projects } from "../../db/schema";
import { accessibleMunicipalities } from "~/areas/auth/access.server";
import { confirmProgrammeStep } from "~/areas/rollin/confirm.server";
import { matrixCsv, ownProgrammeSteps, programmeMatrix, updateProgrammeSteps } from "~/areas/rollin/matrix.server";
import { programmeMatrixTable } from "~/areas/rollin/matrix-table";
import { listTemplates, previewRollout, publishTemplateVersion, rollOutProgramme, upgradeRollouts } from "~/areas/rollin/programmes.server";
import { providerCallerFor } from "~/areas/rollin/provider.server";
import { cockpitRows } from "~/areas/rollin/cockpit.server";
import { providerCockpitCaller } from "~/areas/rollin/cockpit-caller.server";
import { getDb } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { auditCount, municipalityId, userId } from "../support/foundation";
import { csvCells, readXlsx, xlsxAsCsvCells } from "../support/xlsx";
import { exportTableToXlsx } from "~/utils/xlsx.server";

const today = "2026-12-03";
const coordinator = () => providerCallerFor(getDb(), userId("rollin@landesdienst.example"))!;
const manager = () => providerCallerFor(getDb(), userId("betreuung@landesdienst.example"))!;
const efa = () => listTemplates(getDb(), coordinator()).find((t) => t.name.includes("EfA"))!;
const onboarding = () => listTemplates(getDb(), coordinator()).find((t) => t.name.includes("Einstieg"))!;
const cdoOf = (kommune: string, email: string) => {
  const id = userId(email);
  return { municipalityId: municipalityId(kommune), actor: { userId: id, label: email }, role: "cdo" as const, can: (p: Parameters<typeof can>[1]) => can("cdo", p) };
};

describe("Roll-in-Service: roles and tenant isolation", () => {
  it("a manager acts only for the Kommunen assigned to them, the coordinator for all of the provider's", () => {
    expect(manager().providerRole).toBe("manager");
    expect(accessibleMunicipalities(userId("betreuung@landesdienst.example")).map((m) => m.name)).toEqual(["Eichenbrück", "Kleinhausen"]);
    expect(accessibleMunicipalities(userId("rollin@landesdienst.example")).map((m) => m.name)).toEqual(["Eichenbrück", "Kleinhausen", "Wiesengrund"]);
    expect(providerCallerFor(getDb(), userId("cdo@kleinhausen.example"))).toBeNull();
  });

  it("the cockpit shows one row per assigned Kommune, never Musterstadt or unassigned ones", async () => {
    const { rows } = await cockpitRows(getDb(), providerCockpitCaller(manager()), today, { sort: "name", group: null, q: "" });
    expect(rows.map((r) => r.name)).toEqual(["Eichenbrück", "Kleinhausen"]);
    const kleinhausen = rows.find((r) => r.name === "Kleinhausen")!;
    const projectCount = getDb().select().from(projects).where(eq(projects.municipalityId, municipalityId("Kleinhausen"))).all().filter((p) => !p.archivedAt).length;
    expect(kleinhausen.projects.projects).toBe(projectCount);
    expect(kleinhausen.programme.steps).toBe(7);
    const grouped = await cockpitRows(getDb(), providerCockpitCaller(coordinator()), today, { sort: "name", group: "Landkreis Oderheide", q: "" });
    expect(grouped.rows.map((r) => r.name)).toEqual(["Wiesengrund"]);
  });

  it("a manager cannot roll out into a Kommune not assigned to them; nothing is written", () => {
    const before = auditCount();
    expect(() => rollOutProgramme(manager(), { templateId: onboarding().id, municipalityIds: [municipalityId("Wiesengrund")], startDate: today })).toThrow(/Bitte korrigieren/);
    expect(auditCount()).toBe(before);
    const preview = previewRollout(getDb(), manager(), onboarding().id, [municipalityId("Wiesengrund"), municipalityId("Musterstadt")], today);
    expect(preview.every((p) => p.problem !== null) && preview.length === 2).toBe(true);
  });

  it("the matrix loads cells only for the rollouts picked (a page), with columns and totals over all", () => {
    const full = programmeMatrix(getDb(), coordinator(), efa().id, today)!;
    expect(full.rows.length).toBeGreaterThan(1);
    const second = programmeMatrix(getDb(), coordinator(), efa().id, today, (rollouts) => rollouts.slice(1, 2))!;
    expect(second.rows).toEqual([full.rows[1]]);
    expect(second.rollouts.map((r) => r.name)).toEqual(full.rows.map((r) => r.name));
    expect(second.columns).toEqual(full.columns);
    expect(second.totals).toEqual(full.totals);
    expect(full.totals.cells).toBe(full.rows.reduce((n, r) => n + r.cells.filter(Boolean).length, 0));
    expect(full.totals.overdue).toBe(full.rows.reduce((n, r) => n + r.cells.filter((c) => c?.overdue).length, 0));
  });

  it("the matrix of a manager lists only their Kommunen; its CSV goes through the formula-safe writer, its XLSX holds the same cells", async () => {
    const matrix = programmeMatrix(getDb(), manager(), efa().id, today)!;
    expect(matrix.rows.map((r) => r.name)).toEqual(["Eichenbrück", "Kleinhausen"]);
    expect(matrix.columns).toHaveLength(7);
    const cell = matrix.rows[1].cells[0]!;
    updateProgrammeSteps(manager(), [{ id: cell.id, version: cell.version }], { ownerName: "=HYPERLINK(1)" }, today);
    const matrixNow = programmeMatrix(getDb(), manager(), efa().id, today)!;
    const csv = matrixCsv(matrixNow);
    expect(csv).toContain("'=HYPERLINK(1)");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(1 + 14);
    // The same table as XLSX: the same cells, the owner text a plain string, never a formula.
    const xlsx = await exportTableToXlsx(programmeMatrixTable(matrixNow));
    expect(await xlsxAsCsvCells(xlsx)).toEqual(csvCells(csv));
    const { cells } = await readXlsx(xlsx);
    const owner = cells.flat().find((c) => c.value === "=HYPERLINK(1)")!;
    expect(owner.formula).toBeUndefined();
    expect(cells[1][7].value).toBeInstanceOf(Date);
  });

  it("rolls a template into Kommunen, the Kommune's CDO confirms a done step, another Kommune cannot", () => {
    const c = coordinator();
    const n = rollOutProgramme(c, { templateId: onboarding().id, municipalityIds: [municipalityId("Kleinhausen"), municipalityId("Wiesengrund")], startDate: today });
    expect(n).toBe(2);
    const rollout = getDb().select().from(programmeRollouts).where(eq(programmeRollouts.municipalityId, municipalityId("Wiesengrund"))).get()!;
    const project = getDb().select().from(projects).where(eq(projects.id, rollout.projectId)).get()!;
    expect(project.municipalityId).toBe(municipalityId("Wiesengrund"));
    const step = ownProgrammeSteps(getDb(), { municipalityId: municipalityId("Kleinhausen") }, today).find((s) => s.title.startsWith("Auftakt"))!;
    expect(() => confirmProgrammeStep(cdoOf("Kleinhausen", "cdo@kleinhausen.example"), step.id, step.version, today)).toThrow(/Bitte korrigieren/);
    updateProgrammeSteps(c, [{ id: step.id, version: step.version }], { status: "done" }, today);
    const done = getDb().select().from(programmeSteps).where(eq(programmeSteps.id, step.id)).get()!;
    // Musterstadt's CDO does not find Kleinhausen's step at all.
    expect(() => confirmProgrammeStep(cdoOf("Musterstadt", "cdo@musterstadt.example"), step.id, done.version, today)).toThrow(/Bitte korrigieren/);
    confirmProgrammeStep(cdoOf("Kleinhausen", "cdo@kleinhausen.example"), step.id, done.version, today);
    expect(getDb().select().from(programmeSteps).where(eq(programmeSteps.id, step.id)).get()!.status).toBe("confirmed");
    const refused = (() => {
      try {
        updateProgrammeSteps(c, [{ id: step.id, version: done.version + 1 }], { status: "open" }, today);
      } catch (error) {
        return error as { fieldErrors: Record<string, string[]> };
      }
    })();
    expect(refused?.fieldErrors.status?.[0]).toMatch(/bereits bestätigt/);
  });

  it("a new version changes only steps not yet started; the matrix shows each Kommune's version", () => {
    const c = coordinator();
    const t = efa();
    const matrix = programmeMatrix(getDb(), c, t.id, today)!;
    const definition = JSON.parse(matrix.latestJson);
    definition.phases[0].steps[0].title = "Interesse bekunden (neu)";
    definition.phases[0].steps[2].title = "Datenschutz prüfen (neu)";
    expect(publishTemplateVersion(c, t.id, 1, JSON.stringify(definition))).toBe(2);
    expect(() => publishTemplateVersion(c, t.id, 1, JSON.stringify(definition))).toThrow(/Bitte korrigieren/);
    expect(upgradeRollouts(c, { templateId: t.id, municipalityIds: [municipalityId("Kleinhausen")] })).toBe(1);
    const steps = ownProgrammeSteps(getDb(), { municipalityId: municipalityId("Kleinhausen") }, today);
    expect(steps.find((s) => s.title.startsWith("Interesse"))!.title).toBe("Interesse bekunden und Ansprechpersonen benennen");
    expect(steps.some((s) => s.title === "Datenschutz prüfen (neu)")).toBe(true);
    const after = programmeMatrix(getDb(), c, t.id, today)!;
    expect(after.rows.map((r) => [r.name, r.templateVersion])).toEqual([["Eichenbrück", 1], ["Kleinhausen", 2]]);
  });
});
