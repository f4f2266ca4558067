import { describe, expect, it } from "vitest";
import { actionLabel, describeEntry, entityLabel, formatAuditValue, recordLabel, refKey } from "~/areas/org/audit-display";
import { normaliseAuditChanges } from "~/utils/audit-changes";

const names = {
  names: new Map([
    [refKey("fieldOfAction", 9), "Bürgerservice und Verwaltungsleistungen"],
    [refKey("unit", 3), "Hauptamt"],
    [refKey("unit", 11), "Bauamt"],
    [refKey("project", 29), "Digitales Fundbüro"],
  ]),
  stateLabels: new Map([["5", new Map([["idea", "Idee"], ["assessment", "Bewertung"]])]]),
};

describe("audit log display", () => {
  it("labels entities and actions in German and falls back to the identifier", () => {
    expect(entityLabel("membership")).toBe("Mitgliedschaft");
    expect(actionLabel("login_failed")).toBe("Fehlgeschlagene Anmeldung");
    expect(actionLabel("add_member")).toBe("Mitglied aufgenommen");
    expect(entityLabel("somethingNew")).toBe("somethingNew");
  });

  it("formats values by entity and field: roles, kinds, risk levels, money, rates, dates, booleans, null", () => {
    expect(formatAuditValue("membership", "role", "finance")).toBe("Kämmerei");
    expect(formatAuditValue("unit", "kind", "company")).toBe("Kommunales Unternehmen");
    expect(formatAuditValue("team", "kind", "taskForce")).toBe("Task Force");
    expect(formatAuditValue("risk", "category", "acceptance")).toBe("Akzeptanz/Bürgerakzeptanz");
    expect(formatAuditValue("risk", "likelihood", 4)).toBe("4 – hoch");
    expect(formatAuditValue("projectAssessment", "classification", "onTrack")).toBe("auf Kurs");
    expect(formatAuditValue("expenditure", "amountCents", 123456)).toBe("1.234,56\u00a0€");
    expect(formatAuditValue("fundingProgramme", "rateBp", 6500)).toBe("65 %");
    expect(formatAuditValue("project", "startDate", "2026-11-23")).toBe("23.11.2026");
    expect(formatAuditValue("externalTraining", "decidedAt", "2026-07-01T10:00:00.000Z")).toBe("01.07.2026 12:00");
    expect(formatAuditValue("employee", "active", false)).toBe("nein");
    expect(formatAuditValue("membership", "employeeId", null)).toBe("–");
    expect(formatAuditValue("session", "address", "::ffff:192.0.2.7")).toBe("192.0.2.7");
    expect(formatAuditValue("session", "address", "2001:db8::1")).toBe("2001:db8::1");
  });

  it("shows ids as names, and as a number only when the record is not in this Kommune", () => {
    const ctx = { entityId: "29", names };
    expect(formatAuditValue("project", "fieldOfActionId", 9, ctx)).toBe("Bürgerservice und Verwaltungsleistungen");
    expect(formatAuditValue("project", "involvedUnitIds", [3, 11], ctx)).toBe("Hauptamt; Bauamt");
    expect(formatAuditValue("project", "leadUnitId", 77, ctx)).toBe("Nr. 77");
    expect(formatAuditValue("team", "members", [{ employeeId: 61, teamRole: "lead" }], ctx)).toBe("Beschäftigte/r: Nr. 61, Rolle im Team: Leitung");
  });

  it("shows a creation as its new values, an update as before → after, a deletion as the old values", () => {
    const created = normaliseAuditChanges(JSON.stringify({ v: 2, changes: { title: { to: "Fundbüro" }, fieldOfActionId: { to: 9 } } }), "create", "project");
    expect(describeEntry("project", "29", "create", created, names)).toEqual([
      { type: "value", field: "title", label: "Titel", value: "Fundbüro" },
      { type: "value", field: "fieldOfActionId", label: "Handlungsfeld", value: "Bürgerservice und Verwaltungsleistungen" },
    ]);
    const updated = normaliseAuditChanges(JSON.stringify({ v: 2, changes: { leadUnitId: { from: 3, to: 11 } } }), "update", "project");
    expect(describeEntry("project", "29", "update", updated, names)).toEqual([
      { type: "change", field: "leadUnitId", label: "Federführende Einheit", before: "Hauptamt", after: "Bauamt" },
    ]);
    const removed = normaliseAuditChanges(JSON.stringify({ v: 2, changes: { title: { from: "Go-live" } }, parent: { entity: "project", id: 29 } }), "delete", "milestone");
    expect(describeEntry("milestone", "4", "delete", removed, names)).toEqual([{ type: "removed", field: "title", label: "Titel", value: "Go-live" }]);
    expect(recordLabel("milestone", "4", names, removed)).toBe("Meilenstein „Go-live“");
    expect(recordLabel(removed.parent!.entity, removed.parent!.id, names)).toBe("Projekt „Digitales Fundbüro“");
  });

  it("labels workflow states through the instance's definition", () => {
    const transition = normaliseAuditChanges(
      JSON.stringify({ v: 2, changes: { state: { from: "idea", to: "assessment" } }, details: { transition: "Zur Bewertung geben", comment: "Bitte prüfen" } }),
      "transition",
      "workflowInstance",
    );
    expect(describeEntry("workflowInstance", "5", "transition", transition, names)).toEqual([
      { type: "change", field: "state", label: "Status", before: "Idee", after: "Bewertung" },
      { type: "value", field: "transition", label: "Übergang", value: "Zur Bewertung geben" },
      { type: "value", field: "comment", label: "Kommentar", value: "Bitte prüfen" },
    ]);
  });
});
