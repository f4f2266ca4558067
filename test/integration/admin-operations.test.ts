import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { attemptLogin } from "~/areas/auth/login.server";
import { hashPassword } from "~/areas/auth/password.server";
import { accessibleMunicipalities } from "~/areas/auth/access.server";
import * as healthRoute from "~/routes/healthz";
import { summary, verifyAuditLog } from "~/utils/audit-verify.cli";
import { SYSTEM_ACTOR, writeAudit } from "~/utils/audit.server";
import { getDb, getSqlite, transaction } from "~/utils/db.server";
import { SCALE_SEEDS, type ScaleContext, seedScale } from "../../db/seed/scale";
import { DEMO_PASSWORD } from "../../db/seed/organisation";
import { callLoader } from "../support/requests";
import { userId } from "../support/foundation";

function runVerifyCli() {
  const result = spawnSync(process.execPath, ["--import", "tsx", "app/utils/audit-verify.cli.ts"], {
    env: { ...process.env, DATABASE_PATH: process.env.DATABASE_PATH },
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("scale seed", () => {
  it("adds Scale-Kommunen with units, employees and logins next to the demo data and runs the area steps", async () => {
    let seen: ScaleContext | undefined;
    SCALE_SEEDS.push({ name: "probe", run: (_db, ctx) => void (seen = ctx) });
    const phases: string[] = [];
    try {
      const ctx = seedScale(getDb(), {
        municipalities: 4,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        onPhase: (name) => phases.push(name),
      });
      expect(phases[0]).toBe("organisation");
      expect(phases.at(-1)).toBe("probe");
      expect(phases).toHaveLength(SCALE_SEEDS.length + 1);
      expect(seen).toBe(ctx);
      expect(ctx.municipalities.map((m) => m.name).slice(0, 2)).toEqual(["Scale-Kommune 001", "Scale-Kommune 002"]);
      for (const m of ctx.municipalities) {
        expect(m.unitIds.length).toBeGreaterThanOrEqual(3);
        expect(m.employeeIds.length).toBe(m.userIds.length);
        expect(m.employeeIds.length).toBeGreaterThanOrEqual(4);
      }
      const total = ctx.municipalities.reduce((s, m) => s + m.employeeIds.length, 0);
      expect(total).toBeGreaterThan(4 * 30);
      expect(total).toBeLessThan(4 * 60);
      const first = ctx.municipalities[0];
      expect(accessibleMunicipalities(first.roleUserIds.cdo)).toEqual([
        { id: first.id, name: first.name, role: "cdo", employeeId: first.employeeIds[1] },
      ]);
      expect((await attemptLogin("cdo@scale-001.example", DEMO_PASSWORD, "10.8.0.1")).ok).toBe(true);
      expect(userId("cdo@musterstadt.example")).toBeGreaterThan(0);
    } finally {
      SCALE_SEEDS.pop();
    }
    expect(() => seedScale(getDb(), { municipalities: 1, passwordHash: "x" })).toThrow(/bereits Scale-Kommunen/);
  }, 60_000);
});

describe("audit:verify", () => {
  it("reports an intact chain and exits 0", () => {
    const result = verifyAuditLog();
    expect(result.problems).toEqual([]);
    expect(result.checked).toBeGreaterThan(0);
    const cli = runVerifyCli();
    expect(cli.status).toBe(0);
    expect(cli.output).toContain("Änderungsprotokoll intakt");
    expect(cli.output).toContain("Audit log intact");
  });

  it("the database itself refuses to alter or delete entries", () => {
    expect(() => getSqlite().prepare("UPDATE audit_log SET action = 'x' WHERE id = 1").run()).toThrow(/append-only/);
    expect(() => getSqlite().prepare("DELETE FROM audit_log WHERE id = 1").run()).toThrow(/append-only/);
  });

  it("detects an entry altered by someone with file access who dropped the trigger, and exits 1", () => {
    getSqlite().exec("DROP TRIGGER audit_log_no_update");
    getSqlite().prepare("UPDATE audit_log SET changes = ? WHERE id = 2").run(JSON.stringify({ role: ["staff", "admin"] }));
    expect(verifyAuditLog().problems).toContainEqual({ id: 2, problem: "content altered (hash mismatch)" });
    const cli = runVerifyCli();
    expect(cli.status).toBe(1);
    expect(cli.output).toContain("Änderungsprotokoll MANIPULIERT");
    expect(cli.output).toContain("Eintrag/entry 2: content altered");
  });

  it("detects deleted entries in the middle and at the end", () => {
    transaction((tx) => {
      for (let i = 0; i < 5; i++) writeAudit(tx, { actor: SYSTEM_ACTOR, municipalityId: null, entity: "workflowTask", action: "create" });
    });
    getSqlite().exec("DROP TRIGGER audit_log_no_delete");
    const last = (getSqlite().prepare("SELECT max(id) AS id FROM audit_log").get() as { id: number }).id;
    getSqlite().prepare("DELETE FROM audit_log WHERE id = 3").run();
    getSqlite().prepare("DELETE FROM audit_log WHERE id = ?").run(last);
    const result = verifyAuditLog();
    expect(result.problems).toContainEqual({ id: 4, problem: "entries 3..3 are missing" });
    expect(result.problems).toContainEqual({ id: last, problem: `entries ${last}..${last} are missing` });
    expect(summary(result)[0]).toMatch(/MANIPULIERT/);
    expect(runVerifyCli().status).toBe(1);
  });
});

describe("healthz", () => {
  it("answers 503 with a small JSON body when the database does not answer", async () => {
    getSqlite().close();
    const res = await callLoader(healthRoute.loader, "/healthz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "error", database: "unavailable" });
  });
});
