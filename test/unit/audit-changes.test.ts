import { describe, expect, it } from "vitest";
import { changedValues, newValues, normaliseAuditChanges, oldValues } from "~/utils/audit-changes";

describe("the one changes shape", () => {
  it("records a creation's values, an update's changed fields and a deletion's values, never internal keys", () => {
    expect(newValues({ title: "A", description: "", version: 1, intent: "update", csrf: "x", municipalityId: 1, goalIds: [] })).toEqual({ title: { to: "A" } });
    expect(changedValues({ title: "A", budget: 100, version: 1, updatedAt: "t1" }, { title: "B", budget: 100, version: 2, updatedAt: "t2", intent: "updateRisk" })).toEqual({
      title: { from: "A", to: "B" },
    });
    expect(changedValues(null, { title: "A" })).toEqual({ title: { from: null, to: "A" } });
    expect(oldValues({ id: 4, title: "Go-live", doneAt: null })).toEqual({ title: { from: "Go-live" } });
  });
});

describe("reading entries of any age", () => {
  it("reads the current shape as stored", () => {
    const stored = { v: 2, changes: { title: { to: "A" } }, details: { address: "10.0.0.1" }, parent: { entity: "project", id: 29 } };
    expect(normaliseAuditChanges(JSON.stringify(stored), "create", "milestone")).toEqual({
      changes: { title: { to: "A" } },
      details: { address: "10.0.0.1" },
      parent: { entity: "project", id: 29 },
    });
  });

  it("turns [before, after] pairs, {from, to} and {before, after} into changes and drops internal keys", () => {
    const legacy = { role: ["staff", "cdo"], retentionMonths: { from: 24, to: 36 }, classification: { before: "onTrack", after: "laggard" }, version: [1, 2], intent: "update" };
    expect(normaliseAuditChanges(JSON.stringify(legacy), "update", "membership").changes).toEqual({
      role: { from: "staff", to: "cdo" },
      retentionMonths: { from: 24, to: 36 },
      classification: { from: "onTrack", to: "laggard" },
    });
  });

  it("reads an old creation's [null, value] and plain values as new values, not as a change", () => {
    const unit = normaliseAuditChanges(JSON.stringify({ name: [null, "Poststelle"], parentId: [null, null] }), "create", "unit");
    expect(unit.changes).toEqual({ name: { to: "Poststelle" } });
    const project = normaliseAuditChanges(JSON.stringify({ title: "Fundbüro", involvedUnitIds: [11, 14], goalIds: [] }), "create", "project");
    expect(project.changes).toEqual({ title: { to: "Fundbüro" }, involvedUnitIds: { to: [11, 14] } });
    const removed = normaliseAuditChanges(JSON.stringify({ title: "Go-live", dueDate: "2027-01-01" }), "delete", "milestone");
    expect(removed.changes).toEqual({ title: { from: "Go-live" }, dueDate: { from: "2027-01-01" } });
  });

  it("finds the parent of an old child entry from its id field or workflow subject, and keeps event facts as details", () => {
    expect(normaliseAuditChanges(JSON.stringify({ projectId: 29, title: "Go-live" }), "create", "milestone").parent).toEqual({ entity: "project", id: 29 });
    const transition = normaliseAuditChanges(JSON.stringify({ state: ["idea", "assessment"], transition: "submitForAssessment", subject: "project:29" }), "transition", "workflowInstance");
    expect(transition).toEqual({
      changes: { state: { from: "idea", to: "assessment" } },
      details: { transition: "submitForAssessment" },
      parent: { entity: "project", id: 29 },
    });
    expect(normaliseAuditChanges(JSON.stringify({ address: "10.0.0.1" }), "login", "session")).toEqual({ changes: {}, details: { address: "10.0.0.1" }, parent: null });
    expect(normaliseAuditChanges("kein json", "update", "unit").details).toEqual({ content: "kein json" });
  });
});
