/**
 * Foundation at Land scale on a temporary SQLite file: demo data plus `seed:scale` with 400
 * Kommunen (~16,000 employees and logins), then 50,000 audit entries spread over the Kommunen.
 * - foundation.seed_scale_ms: the organisation part of the scale seed (Kommunen, units, employees, logins)
 * - foundation.audit_write_per_s: audit entries appended (one transaction per 100 entries, hash chain included)
 * - foundation.audit_verify_per_s: entries checked per second by `npm run audit:verify`'s chain check
 * - foundation.audit_page_median_ms / _p95_ms: one Änderungsprotokoll page with filters in the largest Kommune
 * - foundation.members_median_ms: the Benutzer und Rollen list of the largest Kommune
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-foundation-bench-"));
process.env.DATABASE_PATH = path.join(dir, "bench.db");
process.env.DISABLE_JOBS = "true";

(await import("../app/areas/registrations.server")).registerAll();
const { closeDb, getDb, runMigrations, transaction } = await import("../app/utils/db.server");
const { writeAudit } = await import("../app/utils/audit.server");
const { verifyAuditLog } = await import("../app/utils/audit-verify.cli");
const { searchAuditLog } = await import("../app/areas/org/audit-log.server");
const { listMembers } = await import("../app/areas/auth/users.server");
const { hashPassword } = await import("../app/areas/auth/password.server");
const { seedDemo } = await import("../db/seed/demo");
const { DEMO_PASSWORD } = await import("../db/seed/organisation");
const { seedScale } = await import("../db/seed/scale");
type AppContext = import("../app/utils/context.server").AppContext;

const AUDIT_ENTRIES = 50_000;
const ITERATIONS = 50;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))];
}
function timed(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

try {
  const db = getDb();
  runMigrations(db);
  await seedDemo(db);
  let orgMs = 0;
  const ctx = seedScale(db, {
    municipalities: 400,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    onPhase: (name, ms) => {
      if (name === "organisation") orgMs = ms;
    },
  });
  console.log(`foundation.seed_scale_ms: ${orgMs} ms`);
  const largest = [...ctx.municipalities].sort((a, b) => b.employeeIds.length - a.employeeIds.length)[0];

  const t0 = performance.now();
  for (let batch = 0; batch < AUDIT_ENTRIES / 100; batch++) {
    transaction((tx) => {
      for (let i = 0; i < 100; i++) {
        const m = ctx.municipalities[(batch * 100 + i) % ctx.municipalities.length];
        writeAudit(tx, {
          actor: { userId: m.roleUserIds.cdo, label: `cdo@${m.slug}.example` },
          municipalityId: m.id,
          entity: i % 3 === 0 ? "unit" : "membership",
          entityId: m.unitIds[i % m.unitIds.length],
          action: "update",
          changes: { name: { from: `Alt ${i}`, to: `Neu ${i}` } },
        });
      }
    });
  }
  console.log(`foundation.audit_write_per_s: ${Math.round(AUDIT_ENTRIES / ((performance.now() - t0) / 1000))} 1/s`);

  const v0 = performance.now();
  const result = verifyAuditLog();
  if (result.problems.length) throw new Error(`audit chain broken: ${JSON.stringify(result.problems.slice(0, 3))}`);
  console.log(`foundation.audit_verify_per_s: ${Math.round(result.checked / ((performance.now() - v0) / 1000))} 1/s`);

  const tenant = { municipalityId: largest.id };
  const auditTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const filter = [{}, { entity: "unit" }, { action: "update", userId: largest.roleUserIds.cdo }, { from: "2020-01-01", to: "2099-12-31" }][i % 4];
    auditTimes.push(timed(() => searchAuditLog(tenant, filter, 1 + (i % 3))));
  }
  console.log(`foundation.audit_page_median_ms: ${median(auditTimes).toFixed(2)} ms`);
  console.log(`foundation.audit_page_p95_ms: ${p95(auditTimes).toFixed(2)} ms`);

  const memberTimes: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) memberTimes.push(timed(() => listMembers(tenant as AppContext)));
  console.log(`foundation.members_median_ms: ${median(memberTimes).toFixed(2)} ms`);
} finally {
  closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}
