import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { permissionMatrixMarkdown, withPermissionMatrix } from "~/utils/permissions-doc";
import { PERMISSIONS } from "~/utils/permissions";

describe("permission matrix in docs/permissions.md", () => {
  it("lists every action with a check mark per allowed role", () => {
    const table = permissionMatrixMarkdown();
    expect(table.split("\n")).toHaveLength(Object.keys(PERMISSIONS).length + 2);
    expect(table).toContain("| Benutzer und Rollen verwalten (`admin.users`) | ✓ | – | – | – | – | – | – |");
  });

  it("is up to date with app/utils/permissions.ts (run `npm run docs:permissions` when this fails)", () => {
    const readme = fs.readFileSync(path.resolve("docs/permissions.md"), "utf8");
    expect(withPermissionMatrix(readme)).toBe(readme);
  });
});
