import { describe, expect, it } from "vitest";
import { PERMISSIONS, PERMISSION_LABELS, can } from "~/utils/permissions";
import { ROLES } from "../../db/schema/org";

describe("permission matrix", () => {
  it("has a German label for every action and only known roles", () => {
    for (const [permission, roles] of Object.entries(PERMISSIONS)) {
      expect(PERMISSION_LABELS[permission as keyof typeof PERMISSIONS]).toBeTruthy();
      for (const role of roles) expect(ROLES).toContain(role);
    }
  });

  it("grants by role", () => {
    expect(can("admin", "admin.users")).toBe(true);
    expect(can("cdo", "admin.users")).toBe(false);
    expect(can("viewer", "project.edit")).toBe(false);
    expect(can("finance", "funding.confirmOwnContribution")).toBe(true);
    expect(can("cdo", "funding.confirmOwnContribution")).toBe(false);
    expect(can(null, "dashboard.view")).toBe(false);
  });
});
