import { describe, expect, it } from "vitest";
import { actionLabel, describeChanges, entityLabel, formatAuditValue } from "~/areas/org/audit-display";

describe("audit log display", () => {
  it("labels entities and actions in German and falls back to the identifier", () => {
    expect(entityLabel("membership")).toBe("Mitgliedschaft");
    expect(actionLabel("login_failed")).toBe("Fehlgeschlagene Anmeldung");
    expect(entityLabel("somethingNew")).toBe("somethingNew");
  });

  it("formats values by field: roles, kinds, money, rates, dates, booleans, null", () => {
    expect(formatAuditValue("role", "finance")).toBe("Kämmerei");
    expect(formatAuditValue("kind", "company")).toBe("Kommunales Unternehmen");
    expect(formatAuditValue("amountCents", 123456)).toBe("1.234,56\u00a0€");
    expect(formatAuditValue("rateBp", 6500)).toBe("65 %");
    expect(formatAuditValue("startDate", "2026-11-23")).toBe("23.11.2026");
    expect(formatAuditValue("decidedAt", "2026-07-01T10:00:00.000Z")).toBe("01.07.2026 12:00");
    expect(formatAuditValue("active", false)).toBe("nein");
    expect(formatAuditValue("employeeId", null)).toBe("–");
  });

  it("turns before/after pairs into changes and other values into details", () => {
    expect(describeChanges(JSON.stringify({ role: ["staff", "cdo"], address: "10.0.0.1" }))).toEqual([
      { type: "change", field: "role", label: "Rolle", before: "Mitarbeiter/in", after: "CDO / Digitalverantwortliche" },
      { type: "detail", field: "address", label: "Adresse", value: "10.0.0.1" },
    ]);
    expect(describeChanges("{}")).toEqual([]);
    expect(describeChanges("kein json")).toEqual([{ type: "detail", field: "changes", label: "Inhalt", value: "kein json" }]);
  });
});

describe("audit log display of created records and nested values", () => {
  it("drops empty → empty pairs and shows objects and lists readably", () => {
    expect(describeChanges(JSON.stringify({ parentId: [null, null], name: [null, "Poststelle"] }))).toEqual([
      { type: "change", field: "name", label: "Name", before: "–", after: "Poststelle" },
    ]);
    expect(formatAuditValue("members", [{ employeeId: 61, teamRole: "lead" }, { employeeId: 62 }])).toBe(
      "Mitarbeiter/in (Nr.): 61, teamRole: lead; Mitarbeiter/in (Nr.): 62",
    );
    expect(formatAuditValue("goalIds", [])).toBe("–");
  });
});
