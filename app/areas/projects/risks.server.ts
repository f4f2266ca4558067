import { eq, isNull } from "drizzle-orm";
import { employees, projects, risks } from "../../../db/schema";
import { changedValues, newValues, oldValues } from "../../utils/audit.server";
import type { DbOrTx } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../../utils/tenant.server";
import type { ProjectEditor } from "./access.server";
import { changeProjectPart } from "./parts.server";
import { type RiskInput, riskScore } from "./projects";

/** The project's risk, or a German error when it was removed meanwhile. */
function requireRisk(tx: DbOrTx, t: Tenant, projectId: number, riskId: number) {
  const row = tx.select().from(risks).where(scoped(risks, t, eq(risks.id, riskId), eq(risks.projectId, projectId))).get();
  if (!row) throw new ValidationError({ form: ["Dieses Risiko gibt es nicht mehr."] });
  return row;
}

/** A risk owner must be a person of this Kommune. */
function assertRiskOwner(tx: DbOrTx, t: Tenant, ownerEmployeeId: number | null): void {
  if (ownerEmployeeId === null) return;
  const owner = tx.select({ id: employees.id }).from(employees).where(scoped(employees, t, eq(employees.id, ownerEmployeeId))).get();
  if (!owner) throw new ValidationError({ ownerEmployeeId: ["Bitte wählen Sie eine Person dieser Kommune."] });
}

export function addRisk(editor: ProjectEditor, projectId: number, input: RiskInput): number {
  return changeProjectPart(editor, projectId, "risk", (tx) => {
    assertRiskOwner(tx, editor, input.ownerEmployeeId);
    const created = tx.insert(risks).values(tenantRow(editor, { projectId, ...input })).returning({ id: risks.id }).get();
    return { entityId: created.id, action: "create", changes: newValues(input) };
  });
}

/** Re-rates a risk (likelihood, impact, mitigation, owner …) if it still has the version the user saw. */
export function updateRisk(editor: ProjectEditor, projectId: number, riskId: number, expectedVersion: number, input: RiskInput): void {
  changeProjectPart(editor, projectId, "risk", (tx) => {
    const before = requireRisk(tx, editor, projectId, riskId);
    assertRiskOwner(tx, editor, input.ownerEmployeeId);
    updateVersioned(tx, risks, editor, riskId, expectedVersion, input);
    return { entityId: riskId, action: "update", changes: changedValues(before, { ...before, ...input }) };
  });
}

/**
 * Closes a risk (averted or no longer relevant) or reopens it: a closed risk stays in the register
 * but no longer counts in the classification, the warnings or the portfolio matrix.
 */
export function setRiskClosed(editor: ProjectEditor, projectId: number, riskId: number, closed: boolean, now: string = new Date().toISOString()): void {
  changeProjectPart(editor, projectId, "risk", (tx) => {
    const before = requireRisk(tx, editor, projectId, riskId);
    if (closed === (before.closedAt !== null)) {
      throw new ValidationError({ form: [closed ? "Das Risiko ist bereits geschlossen." : "Das Risiko ist bereits offen."] });
    }
    const closedAt = closed ? now : null;
    updateVersioned(tx, risks, editor, riskId, before.version, { closedAt });
    return { entityId: riskId, action: closed ? "close" : "reopen", changes: { closedAt: { from: before.closedAt, to: closedAt } } };
  });
}

export function removeRisk(editor: ProjectEditor, projectId: number, riskId: number): void {
  changeProjectPart(editor, projectId, "risk", (tx) => {
    const before = requireRisk(tx, editor, projectId, riskId);
    tx.delete(risks).where(scoped(risks, editor, eq(risks.id, riskId))).run();
    return { entityId: riskId, action: "delete", changes: oldValues({ title: before.title, category: before.category, likelihood: before.likelihood, impact: before.impact }) };
  });
}

/** The open risks of the Kommune's active projects, for the portfolio risk matrix. */
export function portfolioRisks(db: DbOrTx, t: Tenant) {
  return db
    .select({
      id: risks.id,
      title: risks.title,
      category: risks.category,
      likelihood: risks.likelihood,
      impact: risks.impact,
      mitigation: risks.mitigation,
      projectId: projects.id,
      projectTitle: projects.title,
    })
    .from(risks)
    .innerJoin(projects, eq(projects.id, risks.projectId))
    .where(scoped(risks, t, isNull(projects.archivedAt), isNull(risks.closedAt)))
    .all()
    .map((r) => ({ ...r, score: riskScore(r) }))
    .sort((a, b) => b.score - a.score || a.projectTitle.localeCompare(b.projectTitle, "de"));
}
