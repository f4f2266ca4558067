import { eq, sql } from "drizzle-orm";
import { agendas } from "../../../db/schema";
import { type DbOrTx, getDb } from "../../utils/db.server";
import { todayIso } from "../../utils/format";
import type { Tenant } from "../../utils/tenant.server";
import { type UnitCoverageCounts, coverageSince, summariseCoverage } from "./compliance";

export const DEFAULT_COVERAGE_TARGET_BP = 8000;

/**
 * One set-based query: per unit, active employees, those with a training (attended or confirmed
 * external) in the last 12 months, and those who also have every applicable mandatory training
 * current. Renewal: valid while date(last attendance, +renewal months) > today.
 * With `municipalityId` null it covers all Kommunen (benchmarks, platform figures).
 */
function coverageQuery(municipalityId: number | null, today: string) {
  const since = coverageSince(today);
  // Separate predicates per table (no "all OR one" trick), so SQLite can use the Kommune indexes.
  const inKommune = (column: string) => (municipalityId === null ? sql`1 = 1` : sql`${sql.raw(column)} = ${municipalityId}`);
  return sql`
    WITH emp AS MATERIALIZED (
      SELECT e.id, e.unit_id, e.municipality_id, ms.role
      FROM employees e
      LEFT JOIN memberships ms ON ms.employee_id = e.id AND ms.municipality_id = e.municipality_id
      WHERE ${inKommune("e.municipality_id")} AND e.active = 1
    ),
    -- Per person, two flags from index seeks (no grouping of all attendances of the Kommune):
    -- trained: an attendance or confirmed external training since the cut-off;
    -- mandatoryOk: no applicable mandatory training without a still valid attendance.
    -- 'floor' clamps month ends (31.01. + 1 month = 28.02.) exactly like renewalDueDate().
    flags AS MATERIALIZED (
      SELECT emp.id, emp.unit_id, emp.municipality_id,
        (EXISTS (SELECT 1 FROM training_registrations r
                 WHERE r.municipality_id = emp.municipality_id AND r.attendance = 'present'
                   AND r.employee_id = emp.id AND r.session_date >= ${since})
         OR EXISTS (SELECT 1 FROM external_trainings x
                 WHERE x.employee_id = emp.id AND x.status = 'confirmed' AND x.date >= ${since})) AS trained,
        NOT EXISTS (
          SELECT 1 FROM mandatory_trainings mt
          WHERE mt.municipality_id = emp.municipality_id
            AND (mt.unit_id IS NULL OR mt.unit_id = emp.unit_id)
            AND (mt.role IS NULL OR mt.role = emp.role)
            AND NOT EXISTS (
              SELECT 1 FROM training_registrations r
              WHERE r.municipality_id = emp.municipality_id AND r.attendance = 'present'
                AND r.employee_id = emp.id AND r.course_id = mt.course_id
                AND (mt.renewal_months IS NULL OR date(r.session_date, '+' || mt.renewal_months || ' months', 'floor') > ${today}))
        ) AS mandatoryOk
      FROM emp
    )
    SELECT f.municipality_id AS municipalityId, u.id AS unitId, u.name AS unitName,
      COUNT(*) AS employees,
      SUM(f.trained) AS trainedRecently,
      SUM(f.trained AND f.mandatoryOk) AS covered
    FROM flags f
    JOIN units u ON u.id = f.unit_id
    GROUP BY f.municipality_id, u.id
    ORDER BY u.name`;
}

type CoverageRow = UnitCoverageCounts & { municipalityId: number };

export function coverageTargetBp(db: DbOrTx, tenant: Tenant): number {
  const agenda = db.select({ target: agendas.trainingCoverageTargetBp }).from(agendas).where(eq(agendas.municipalityId, tenant.municipalityId)).get();
  return agenda?.target ?? DEFAULT_COVERAGE_TARGET_BP;
}

/** Training coverage per unit of one Kommune against the agenda's target. */
export function unitCoverage(tenant: Tenant, today = todayIso(), db: DbOrTx = getDb()) {
  const rows = db.all<CoverageRow>(coverageQuery(tenant.municipalityId, today));
  return summariseCoverage(rows, coverageTargetBp(db, tenant));
}

/** Coverage of every Kommune (one query), for platform figures and the benchmark. */
export function coverageOfAllMunicipalities(today = todayIso(), db: DbOrTx = getDb()) {
  const rows = db.all<CoverageRow>(coverageQuery(null, today));
  const byMunicipality = new Map<number, CoverageRow[]>();
  for (const r of rows) byMunicipality.set(r.municipalityId, [...(byMunicipality.get(r.municipalityId) ?? []), r]);
  return [...byMunicipality.entries()].map(([municipalityId, list]) => ({
    municipalityId,
    ...summariseCoverage(list, coverageTargetBp(db, { municipalityId })).total,
  }));
}

/** The CDO dashboard's training figure: Kommune coverage against the target, units below it. */
export function trainingDashboardSection(tenant: Tenant, today = todayIso()) {
  const { total, units, targetBp } = unitCoverage(tenant, today);
  return {
    coverageBp: total.coverageBp,
    targetBp,
    employees: total.employees,
    covered: total.covered,
    unitsBelowTarget: units.filter((u) => u.meetsTarget === false).length,
  };
}
