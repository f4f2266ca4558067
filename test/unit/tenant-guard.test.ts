import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { TenantGuardError, installTenantGuard, tenantTables, unconstrainedTenantTables, withoutTenantGuard } from "~/utils/tenant-guard.server";

describe("tenant guard", () => {
  it("derives the tenant tables from the drizzle schema", () => {
    expect(tenantTables().has("projects")).toBe(true);
    expect(tenantTables().has("municipalities")).toBe(false);
  });

  it("passes a scoped statement, throws for an unscoped one naming table and SQL, passes an allow-listed one", () => {
    const sqlite = new Database(":memory:");
    sqlite.exec("CREATE TABLE projects (id INTEGER PRIMARY KEY, municipality_id INTEGER NOT NULL, title TEXT)");
    // This file is test code, which the guard exempts by default: check it as if it were the app.
    installTenantGuard(sqlite, new Set(["projects"]), { exemptTestCode: false });
    expect(sqlite.prepare('select "title" from "projects" where "projects"."municipality_id" = ?').all(1)).toEqual([]);
    expect(() => sqlite.prepare('select "title" from "projects" where "projects"."id" = ?')).toThrow(TenantGuardError);
    expect(() => sqlite.prepare('select "title" from "projects" where "projects"."id" = ?')).toThrow(/"projects".*select "title" from "projects"/);
    expect(withoutTenantGuard("jobs", () => sqlite.prepare('select "title" from "projects"').all())).toEqual([]);
    sqlite.close();
  });

  it("counts municipality_id only as a condition or an insert column, not in the select list or SET", () => {
    const t = new Set(["projects"]);
    expect(unconstrainedTenantTables('insert into "projects" ("municipality_id", "title") values (?, ?)', t)).toEqual([]);
    expect(unconstrainedTenantTables('select "municipality_id" from "projects" where "id" = ?', t)).toEqual(["projects"]);
    expect(unconstrainedTenantTables('update "projects" set "municipality_id" = ? where "id" = ?', t)).toEqual(["projects"]);
    expect(unconstrainedTenantTables("select 1 from projects where title = 'municipality_id'", t)).toEqual(["projects"]);
    expect(unconstrainedTenantTables('select "title" from "units"', t)).toEqual([]);
  });
});
