import { and, asc, eq, ne, notInArray } from "drizzle-orm";
import { municipalities, projectPartners, projects } from "../../../db/schema";
import { changedValues, newValues, oldValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { formatEuro } from "../../utils/format";
import { forbidden } from "../../utils/http.server";
import { assertCan } from "../../utils/permissions";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import { ARCHIVED_PROJECT_MESSAGE, NOT_OWN_PROJECT_MESSAGE } from "../projects/projects";
import { type ProjectEditor, getProjectRow, mayChangeProject } from "../projects/access.server";
import { type PartnerInput, shareProblem } from "./joint";
import { refuseJointPartner } from "./partner-guard.server";
import { partnerSharesTotal } from "./shares.server";

/**
 * The lead Kommune's side of a joint project: its partner Kommunen with their agreed shares. Every
 * query is scoped to the lead Kommune (the row's `municipality_id`).
 */

/** The partners of a project of this Kommune, by name. */
export function listPartners(db: DbOrTx, lead: Tenant, projectId: number) {
  return db
    .select({
      id: projectPartners.id,
      partnerMunicipalityId: projectPartners.partnerMunicipalityId,
      partnerName: municipalities.name,
      shareCents: projectPartners.shareCents,
      agreedOn: projectPartners.agreedOn,
      note: projectPartners.note,
      version: projectPartners.version,
    })
    .from(projectPartners)
    .innerJoin(municipalities, eq(municipalities.id, projectPartners.partnerMunicipalityId))
    .where(scoped(projectPartners, lead, eq(projectPartners.projectId, projectId)))
    .orderBy(asc(municipalities.name))
    .all();
}

/**
 * The Kommunen the lead may choose as partners: every Kommune of the platform except itself and
 * those already partners, by name only (the name is public; nothing else of them is read).
 */
export function partnerCandidates(db: DbOrTx, lead: Tenant, projectId: number): { id: number; name: string }[] {
  const taken = listPartners(db, lead, projectId).map((p) => p.partnerMunicipalityId);
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .where(and(ne(municipalities.id, lead.municipalityId), taken.length ? notInArray(municipalities.id, taken) : undefined))
    .orderBy(asc(municipalities.name))
    .all();
}

/** The project, if the editor may change its partners (project.edit, own project, not archived). */
function requirePartnerProject(tx: DbOrTx, editor: ProjectEditor, projectId: number) {
  const project = getProjectRow(tx, editor, projectId);
  if (!project) {
    refuseJointPartner(tx, editor, projectId);
    throw new ValidationError({ form: ["Das Projekt gibt es in dieser Kommune nicht."] });
  }
  if (!mayChangeProject(tx, editor, project)) forbidden(NOT_OWN_PROJECT_MESSAGE);
  if (project.archivedAt !== null) throw new ValidationError({ form: [ARCHIVED_PROJECT_MESSAGE] });
  return project;
}

function requirePartnerRow(tx: DbOrTx, lead: Tenant, projectId: number, partnerId: number) {
  const row = tx
    .select()
    .from(projectPartners)
    .where(scoped(projectPartners, lead, eq(projectPartners.id, partnerId), eq(projectPartners.projectId, projectId)))
    .get();
  if (!row) throw new ValidationError({ form: ["Diese Partnerkommune ist nicht mehr eingetragen. Bitte laden Sie die Seite neu."] });
  return row;
}

function assertShare(budgetPlannedCents: number, otherShares: number, shareCents: number): void {
  const problem = shareProblem(budgetPlannedCents, otherShares, shareCents, formatEuro);
  if (problem) throw new ValidationError({ share: [problem] });
}

/** Adds a partner Kommune with its agreed share; audited in the lead Kommune's log. */
export function addProjectPartner(editor: ProjectEditor, projectId: number, input: PartnerInput & { partnerMunicipalityId: number }): number {
  assertCan(editor, "project.edit");
  return transaction((tx) => {
    const project = requirePartnerProject(tx, editor, projectId);
    if (input.partnerMunicipalityId === editor.municipalityId) {
      throw new ValidationError({ partnerMunicipalityId: ["Ihre eigene Kommune führt das Projekt; wählen Sie eine andere Kommune als Partnerin."] });
    }
    const partner = tx.select({ id: municipalities.id, name: municipalities.name }).from(municipalities).where(eq(municipalities.id, input.partnerMunicipalityId)).get();
    if (!partner) throw new ValidationError({ partnerMunicipalityId: ["Diese Kommune gibt es nicht."] });
    const existing = tx
      .select({ id: projectPartners.id })
      .from(projectPartners)
      .where(scoped(projectPartners, editor, eq(projectPartners.projectId, projectId), eq(projectPartners.partnerMunicipalityId, partner.id)))
      .get();
    if (existing) throw new ValidationError({ partnerMunicipalityId: [`${partner.name} ist bereits Partnerin dieses Projekts.`] });
    assertShare(project.budgetPlannedCents, partnerSharesTotal(tx, editor, projectId), input.shareCents);
    const values = { projectId, partnerMunicipalityId: partner.id, shareCents: input.shareCents, agreedOn: input.agreedOn, note: input.note };
    const created = tx.insert(projectPartners).values(tenantRow(editor, values)).returning({ id: projectPartners.id }).get();
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "projectPartner",
      entityId: created.id,
      action: "create",
      changes: newValues({ partner: partner.name, shareCents: input.shareCents, agreedOn: input.agreedOn, note: input.note }),
      parent: { entity: "project", id: projectId },
    });
    return created.id;
  });
}

/** Changes a partner's share, date or note, if the row still has the version the user saw. */
export function updateProjectPartner(editor: ProjectEditor, projectId: number, partnerId: number, expectedVersion: number, input: PartnerInput): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    const project = requirePartnerProject(tx, editor, projectId);
    const before = requirePartnerRow(tx, editor, projectId, partnerId);
    if (before.version !== expectedVersion) throw new ConflictError();
    assertShare(project.budgetPlannedCents, partnerSharesTotal(tx, editor, projectId, partnerId), input.shareCents);
    const after = { shareCents: input.shareCents, agreedOn: input.agreedOn, note: input.note };
    updateVersioned(tx, projectPartners, editor, partnerId, expectedVersion, { ...after, updatedAt: new Date().toISOString() });
    const changes = changedValues({ shareCents: before.shareCents, agreedOn: before.agreedOn, note: before.note }, after);
    writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "projectPartner", entityId: partnerId, action: "update", changes, parent: { entity: "project", id: projectId } });
  });
}

/** Removes a partner Kommune: from then on it sees nothing of the project. */
export function removeProjectPartner(editor: ProjectEditor, projectId: number, partnerId: number, expectedVersion: number): void {
  assertCan(editor, "project.edit");
  transaction((tx) => {
    requirePartnerProject(tx, editor, projectId);
    const before = requirePartnerRow(tx, editor, projectId, partnerId);
    if (before.version !== expectedVersion) throw new ConflictError();
    const name = tx.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.id, before.partnerMunicipalityId)).get()!.name;
    tx.delete(projectPartners).where(scoped(projectPartners, editor, eq(projectPartners.id, partnerId))).run();
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: editor.municipalityId,
      entity: "projectPartner",
      entityId: partnerId,
      action: "delete",
      changes: oldValues({ partner: name, shareCents: before.shareCents, agreedOn: before.agreedOn, note: before.note }),
      parent: { entity: "project", id: projectId },
    });
  });
}

/** Ids of this Kommune's projects that have partners (for the lead's project list marking). */
export function projectsWithPartners(db: DbOrTx, lead: Tenant): Set<number> {
  return new Set(
    db
      .selectDistinct({ id: projectPartners.projectId })
      .from(projectPartners)
      .innerJoin(projects, eq(projects.id, projectPartners.projectId))
      .where(scoped(projectPartners, lead))
      .all()
      .map((r) => r.id),
  );
}

/**
 * What the lead's partner page shows: the project (title, planned budget), its partners, the
 * Kommunen that may be added and the shares still open. 404 outside the Kommune, 403 for a partner
 * Kommune and for a project lead on a project it neither leads nor works on.
 */
export function partnerPage(db: DbOrTx, editor: ProjectEditor, projectId: number) {
  const project = getProjectRow(db, editor, projectId);
  if (!project) {
    refuseJointPartner(db, editor, projectId);
    return undefined;
  }
  if (!mayChangeProject(db, editor, project)) forbidden(NOT_OWN_PROJECT_MESSAGE);
  const partners = listPartners(db, editor, projectId);
  const sharesCents = partners.reduce((n, p) => n + p.shareCents, 0);
  return {
    project: { id: project.id, title: project.title, budgetPlannedCents: project.budgetPlannedCents, archived: project.archivedAt !== null },
    partners,
    candidates: partnerCandidates(db, editor, projectId),
    sharesCents,
    openCents: Math.max(0, project.budgetPlannedCents - sharesCents),
  };
}
