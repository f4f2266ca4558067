import { isNotNull } from "drizzle-orm";
import { employees, fieldsOfAction, goals, projects, units } from "../../../db/schema";
import { writeAudit } from "../../utils/audit.server";
import { type DbOrTx, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { formatEuro, todayIso } from "../../utils/format";
import { type Tenant, scoped } from "../../utils/tenant.server";
import { reclassifyProjects } from "../assessment/assessment.server";
import { dependentProjectIds } from "../assessment/progress.server";
import { type CsvLookups, MAX_IMPORT_ROWS, lookupKey, parseProjectsCsv, projectsTable } from "./csv";
import { type ExportTable, exportTableToCsv } from "../../utils/export-table";
import type { ProjectListQuery } from "./projects";
import { partnerSharesTotal } from "../joint/shares.server";
import { budgetBelowSharesMessage } from "../joint/joint";
import type { ProjectEditor } from "./access.server";
import { exportProjectRows } from "./list.server";
import { insertProjectsBulk, updateProjectsBulk } from "./bulk-write.server";
import { assertCan } from "../../utils/permissions";

/** The projects matching the list's filters as the export table (CSV and XLSX download). */
export function exportProjectsTable(db: DbOrTx, t: Tenant, query: ProjectListQuery, today: string): ExportTable {
  const rows = exportProjectRows(db, t, query, today);
  return projectsTable(
    rows.map((r) => ({
      id: r.id,
      version: r.version,
      title: r.title,
      description: r.description,
      fieldOfAction: r.fieldOfAction,
      leadUnit: r.leadUnit,
      involvedUnits: r.involvedUnits,
      projectLeadEmail: r.projectLeadEmail,
      startDate: r.startDate,
      endDate: r.endDate,
      budgetPlannedCents: r.budgetPlannedCents,
      budgetSpentCents: r.budgetSpentCents,
      ozgRelevant: r.ozgRelevant,
      efaReuse: r.efaReuse,
      goals: r.goals,
      status: r.stateLabel ?? "ohne Ablauf",
    })),
  );
}

/** The same table as CSV (used by the import round trip and the benchmarks). */
export function exportProjectsCsv(db: DbOrTx, t: Tenant, query: ProjectListQuery, today: string): { csv: string; count: number } {
  const table = exportProjectsTable(db, t, query, today);
  return { csv: exportTableToCsv(table), count: table.rows.length };
}

function lookups(db: DbOrTx, t: Tenant): CsvLookups {
  const byName = <R extends { id: number }>(rows: R[], name: (r: R) => string | null) =>
    new Map(rows.filter((r) => name(r)).map((r) => [lookupKey(name(r)!), r.id]));
  return {
    fieldsOfAction: byName(db.select({ id: fieldsOfAction.id, name: fieldsOfAction.name }).from(fieldsOfAction).where(scoped(fieldsOfAction, t)).all(), (r) => r.name),
    units: byName(db.select({ id: units.id, name: units.name }).from(units).where(scoped(units, t)).all(), (r) => r.name),
    employeesByEmail: byName(
      db.select({ id: employees.id, email: employees.email }).from(employees).where(scoped(employees, t, isNotNull(employees.email))).all(),
      (r) => r.email,
    ),
    goals: byName(db.select({ id: goals.id, title: goals.title }).from(goals).where(scoped(goals, t)).all(), (r) => r.title),
    projects: new Map(
      db
        .select({ id: projects.id, version: projects.version, archivedAt: projects.archivedAt })
        .from(projects)
        .where(scoped(projects, t))
        .all()
        .map((r) => [r.id, { version: r.version, archived: r.archivedAt !== null }]),
    ),
  };
}

export type ImportResult = { ok: true; created: number; updated: number; unchanged: number } | { ok: false; errors: string[] };

/**
 * Imports a CSV file in one transaction: rows without ID create projects (each starts its
 * workflow), rows with an ID of this Kommune update that project if its Version still matches.
 * Rows equal to the stored project are no-ops ("unverändert"). Any invalid or stale row → nothing saved. The lookups are read inside the (BEGIN IMMEDIATE)
 * transaction, so the version check and the writes see the same data; the writes are set-based.
 */
export function importProjectsCsv(editor: ProjectEditor, content: string, fileName: string, today: string = todayIso()): ImportResult {
  assertCan(editor, "project.import");
  try {
    return transaction((tx) => {
      const parsed = parseProjectsCsv(content, lookups(tx, editor), MAX_IMPORT_ROWS);
      if (!parsed.ok) return parsed;
      const creates = parsed.rows.filter((r) => r.id === null);
      const updates = parsed.rows.filter((r) => r.id !== null);
      // The joint projects' hard rule, as on the form: no planned budget below the partners' agreed shares.
      const shareErrors = updates.flatMap((r) => {
        const shares = partnerSharesTotal(tx, editor, r.id!);
        return r.values.budgetPlannedCents < shares ? [`Zeile ${r.line}: ${budgetBelowSharesMessage(shares, formatEuro)}`] : [];
      });
      if (shareErrors.length) return { ok: false as const, errors: shareErrors };
      insertProjectsBulk(tx, editor, creates.map((r) => r.values));
      const changedIds = updateProjectsBulk(tx, editor, updates.map((r) => ({ id: r.id!, expectedVersion: r.expectedVersion!, values: r.values })));
      // Budget and dates feed the classification, as on a form save (new projects are not assessed yet).
      // Projects depending on a changed one are judged against its new dates.
      const affected = [...new Set([...changedIds, ...dependentProjectIds(tx, editor.municipalityId, changedIds)])];
      if (affected.length) reclassifyProjects(tx, { municipalityId: editor.municipalityId, projectIds: affected }, today);
      const created = creates.length;
      const updated = changedIds.length;
      const unchanged = updates.length - updated;
      writeAudit(tx, { actor: editor.actor, municipalityId: editor.municipalityId, entity: "project", action: "import", details: { fileName, created, updated, unchanged } });
      return { ok: true as const, created, updated, unchanged };
    });
  } catch (error) {
    // Rolled back: the rule "an invalid file saves nothing" holds for problems found while writing too.
    if (error instanceof ValidationError) return { ok: false, errors: Object.values(error.fieldErrors).flat() };
    if (error instanceof ConflictError) return { ok: false, errors: [error.message] };
    throw error;
  }
}
