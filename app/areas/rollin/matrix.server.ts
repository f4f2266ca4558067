import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { milestones, municipalities, programmeRollouts, programmeSteps, projects, users } from "../../../db/schema";
import { PROGRAMME_STEP_STATUSES, type ProgrammeStepStatus } from "../../../db/schema/rollin";
import { changedValues } from "../../utils/audit-changes";
import { writeAudit } from "../../utils/audit.server";
import { exportTableToCsv } from "../../utils/export-table";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { scoped, updateVersioned } from "../../utils/tenant.server";
import { programmeMatrixTable } from "./matrix-table";
import { PROGRAMME_ROLES, type ProgrammeRole, checklistPercent, isStepOverdue, programmeStepTotals } from "./programme-template";
import { type ProviderCaller, assertActsFor } from "./provider.server";
import { assertProviderCan } from "./provider-permissions";
import { getTemplate } from "./programmes.server";
import { withoutTenantGuard } from "../../utils/tenant-guard.server";

export interface MatrixCell {
  id: number;
  version: number;
  status: ProgrammeStepStatus;
  percent: number;
  checklistDone: number;
  checklistTotal: number;
  dueDate: string;
  ownerName: string | null;
  overdue: boolean;
  templateVersion: number;
}

export interface MatrixRollout {
  id: number;
  municipalityId: number;
  name: string;
  templateVersion: number;
  projectId: number | null;
  startDate: string;
}

/**
 * The Kommunen × steps matrix of a template over the Kommunen the caller acts for: columns are the
 * latest version's steps (plus steps only older versions still carry), one rollout per Kommune.
 * `rows` carries the cells of the rollouts `select` picks (all by default; the page picks one page
 * of them, so that 200+ Kommunen do not load 2,000+ cells for 40 shown); `rollouts` and `totals`
 * always cover all of the caller's Kommunen.
 */
export function programmeMatrix(
  db: DbOrTx,
  caller: ProviderCaller,
  templateId: number,
  today: string,
  select: (rollouts: MatrixRollout[]) => MatrixRollout[] = (all) => all,
) {
  const found = getTemplate(db, caller, templateId);
  if (!found || !found.latest) return undefined;
  const ids = [...caller.municipalityIds];
  const rollouts: MatrixRollout[] = ids.length
    ? db
        .select({ id: programmeRollouts.id, municipalityId: programmeRollouts.municipalityId, name: municipalities.name, templateVersion: programmeRollouts.templateVersion, projectId: programmeRollouts.projectId, startDate: programmeRollouts.startDate })
        .from(programmeRollouts)
        .innerJoin(municipalities, eq(municipalities.id, programmeRollouts.municipalityId))
        .where(and(eq(programmeRollouts.templateId, templateId), inArray(programmeRollouts.municipalityId, ids)))
        .orderBy(asc(municipalities.name))
        .all()
    : [];
  const allIds = rollouts.map((r) => r.id);
  const shown = select(rollouts);
  const cells = shown.length
    ? db
        .select()
        .from(programmeSteps)
        .where(and(inArray(programmeSteps.municipalityId, ids), inArray(programmeSteps.rolloutId, shown.map((r) => r.id))))
        .orderBy(asc(programmeSteps.position))
        .all()
    : [];
  const columns: { key: string; title: string; phase: string; responsibleRole: string }[] = [];
  for (const phase of found.latest.definition.phases) {
    for (const s of phase.steps) columns.push({ key: s.key, title: s.title, phase: phase.name, responsibleRole: PROGRAMME_ROLES[s.responsibleRole] });
  }
  // Steps that only older versions still carry, over all rollouts (not only the shown ones).
  const carried = allIds.length
    ? db
        .selectDistinct({ stepKey: programmeSteps.stepKey, title: programmeSteps.title, phase: programmeSteps.phase, responsibleRole: programmeSteps.responsibleRole, position: programmeSteps.position })
        .from(programmeSteps)
        .where(and(inArray(programmeSteps.municipalityId, ids), inArray(programmeSteps.rolloutId, allIds)))
        .orderBy(asc(programmeSteps.position))
        .all()
    : [];
  for (const c of carried) {
    if (!columns.some((col) => col.key === c.stepKey)) columns.push({ key: c.stepKey, title: c.title, phase: c.phase, responsibleRole: PROGRAMME_ROLES[c.responsibleRole as ProgrammeRole] ?? c.responsibleRole });
  }
  const byRollout = new Map<number, Map<string, MatrixCell>>();
  for (const c of cells) {
    const row = byRollout.get(c.rolloutId) ?? new Map<string, MatrixCell>();
    row.set(c.stepKey, {
      id: c.id,
      version: c.version,
      status: c.status,
      percent: checklistPercent(c),
      checklistDone: c.checklistDone,
      checklistTotal: c.checklistTotal,
      dueDate: c.dueDate,
      ownerName: c.ownerName,
      overdue: isStepOverdue(c, today),
      templateVersion: c.templateVersion,
    });
    byRollout.set(c.rolloutId, row);
  }
  const rows = shown.map((r) => ({ ...r, cells: columns.map((col) => byRollout.get(r.id)?.get(col.key) ?? null) }));
  const rolledIn = new Set(rollouts.map((r) => r.municipalityId));
  let totals = { cells: 0, overdue: 0, confirmed: 0 };
  if (allIds.length) {
    const figures = db
      .select({ status: programmeSteps.status, dueDate: programmeSteps.dueDate, n: count() })
      .from(programmeSteps)
      .where(and(inArray(programmeSteps.municipalityId, ids), inArray(programmeSteps.rolloutId, allIds)))
      .groupBy(programmeSteps.status, programmeSteps.dueDate)
      .all();
    const { steps, overdue, confirmed } = programmeStepTotals(figures, today);
    totals = { cells: steps, overdue, confirmed };
  }
  return {
    template: found.template,
    latestVersion: found.latest.number,
    versions: found.versions.map((v) => ({ number: v.number, createdAt: v.createdAt })),
    latestJson: found.latest.json,
    columns,
    rollouts,
    rows,
    notRolledIn: ids.filter((id) => !rolledIn.has(id)),
    totals,
  };
}
export type ProgrammeMatrix = NonNullable<ReturnType<typeof programmeMatrix>>;

export interface StepChange {
  status?: Exclude<ProgrammeStepStatus, "confirmed">;
  ownerName?: string | null;
  dueDate?: string;
  checklistDone?: number;
}

/**
 * Bulk edit of matrix cells by the provider, all or nothing with a version check per cell:
 * status (not "bestätigt": that is the Kommune's), owner, due date, ticked checklist items. The
 * step's milestone in the Kommune's project follows status and due date.
 */
export function updateProgrammeSteps(caller: ProviderCaller, cells: readonly { id: number; version: number }[], change: StepChange, today: string): number {
  assertProviderCan(caller, "programme.editSteps");
  if (cells.length === 0) throw new ValidationError({ cells: ["Bitte wählen Sie mindestens einen Schritt."] });
  if (Object.values(change).every((v) => v === undefined)) throw new ValidationError({ status: ["Bitte geben Sie an, was sich ändern soll."] });
  if (change.status && !PROGRAMME_STEP_STATUSES.includes(change.status)) throw new ValidationError({ status: ["Unbekannter Status."] });
  return transaction((tx) => {
    for (const cell of cells) {
      // By id across the provider's Kommunen; assertActsFor below refuses a Kommune it does not serve.
      const step = withoutTenantGuard("service-provider", () => tx.select().from(programmeSteps).where(eq(programmeSteps.id, cell.id)).get());
      if (!step) throw new ValidationError({ cells: ["Einen der gewählten Schritte gibt es nicht mehr."] });
      assertActsFor(caller, step.municipalityId, "cells");
      const tenant = { municipalityId: step.municipalityId };
      if (step.status === "confirmed" && change.status) {
        throw new ValidationError({ status: [`„${step.title}“ hat die Kommune bereits bestätigt; der Status bleibt.`] });
      }
      const checklistDone = change.checklistDone === undefined ? step.checklistDone : Math.min(Math.max(change.checklistDone, 0), step.checklistTotal);
      const after = {
        status: change.status ?? step.status,
        ownerName: change.ownerName === undefined ? step.ownerName : change.ownerName,
        dueDate: change.dueDate ?? step.dueDate,
        checklistDone,
      };
      try {
        updateVersioned(tx, programmeSteps, tenant, step.id, cell.version, after);
      } catch (error) {
        if (error instanceof ConflictError) throw new ConflictError(`„${step.title}“ wurde inzwischen geändert. Bitte laden Sie die Matrix neu.`);
        throw error;
      }
      if (step.milestoneId) {
        const done = after.status === "done";
        tx.update(milestones)
          .set({ dueDate: after.dueDate, doneAt: done ? today : null, version: sql`${milestones.version} + 1` })
          .where(scoped(milestones, tenant, eq(milestones.id, step.milestoneId)))
          .run();
      }
      writeAudit(tx, {
        actor: caller.actor,
        municipalityId: step.municipalityId,
        entity: "programmeStep",
        entityId: step.id,
        action: "update",
        changes: changedValues({ status: step.status, ownerName: step.ownerName, dueDate: step.dueDate, checklistDone: step.checklistDone }, after),
      });
    }
    return cells.length;
  });
}

/** The matrix as CSV: the export table through the one CSV writer (formula-safe). */
export function matrixCsv(matrix: ProgrammeMatrix): string {
  return exportTableToCsv(programmeMatrixTable(matrix));
}

/** The programme steps of one Kommune (its own view), for confirming them. */
export function ownProgrammeSteps(db: DbOrTx, tenant: { municipalityId: number }, today: string) {
  return db
    .select({
      id: programmeSteps.id,
      version: programmeSteps.version,
      title: programmeSteps.title,
      phase: programmeSteps.phase,
      status: programmeSteps.status,
      dueDate: programmeSteps.dueDate,
      ownerName: programmeSteps.ownerName,
      checklistDone: programmeSteps.checklistDone,
      checklistTotal: programmeSteps.checklistTotal,
      confirmedAt: programmeSteps.confirmedAt,
      confirmedBy: users.name,
      projectId: programmeRollouts.projectId,
      projectTitle: projects.title,
      templateVersion: programmeRollouts.templateVersion,
    })
    .from(programmeSteps)
    .innerJoin(programmeRollouts, eq(programmeRollouts.id, programmeSteps.rolloutId))
    .innerJoin(projects, eq(projects.id, programmeRollouts.projectId))
    .leftJoin(users, eq(users.id, programmeSteps.confirmedByUserId))
    .where(scoped(programmeSteps, tenant))
    .orderBy(asc(programmeSteps.rolloutId), asc(programmeSteps.position))
    .all()
    .map((s) => ({ ...s, percent: checklistPercent(s), overdue: isStepOverdue(s, today) }));
}
