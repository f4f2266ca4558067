import { describe, expect, it } from "vitest";
import { filterInbox, pageOf, parseCockpitQuery, parseInboxQuery } from "~/areas/rollin/cockpit-query";
import { EXAMPLE_TEMPLATES } from "~/areas/rollin/example-templates";
import { programmeMatrixTable } from "~/areas/rollin/matrix-table";
import { definitionFromForm, formFieldOf, formValueOf, keyFromTitle } from "~/areas/rollin/template-form";
import { exportTableToCsv } from "~/utils/export-table";

describe("cockpit and inbox query parameters", () => {
  it("reads German parameter names and falls back on unknown values", () => {
    expect(parseCockpitQuery(new URLSearchParams("sortierung=ueberfaellig&gruppe=Amt%20Seenland&suche=%20klein%20"), ["Amt Seenland"])).toEqual({ sort: "overdue", group: "Amt Seenland", q: "klein" });
    expect(parseCockpitQuery(new URLSearchParams("sortierung=drop&gruppe=Fremd"), ["Amt Seenland"])).toEqual({ sort: "name", group: null, q: "" });
    expect(parseInboxQuery(new URLSearchParams("kommune=-3&ueberfaellig=1"))).toEqual({ municipalityId: null, group: null, q: "", overdueOnly: true });
  });

  it("filters inbox rows by Kommune, group, text and overdue", () => {
    const tasks = [
      { municipalityId: 1, title: "Bericht prüfen", dueDate: "2026-12-01" },
      { municipalityId: 2, title: "Antrag prüfen", dueDate: "2026-12-10" },
      { municipalityId: 2, title: "Schulung planen", dueDate: null },
    ];
    const groupOf = (id: number) => (id === 1 ? "Amt A" : "Amt B");
    const q = (s: string) => filterInbox(tasks, parseInboxQuery(new URLSearchParams(s)), groupOf, "2026-12-03").map((t) => t.title);
    expect(q("kommune=2")).toEqual(["Antrag prüfen", "Schulung planen"]);
    expect(q("gruppe=Amt%20A")).toEqual(["Bericht prüfen"]);
    expect(q("suche=PRÜFEN")).toEqual(["Bericht prüfen", "Antrag prüfen"]);
    expect(q("ueberfaellig=1")).toEqual(["Bericht prüfen"]);
  });
});

describe("cockpit pages", () => {
  it("slices sorted rows into pages of 50 and clamps the page number", () => {
    const rows = Array.from({ length: 211 }, (_, i) => i);
    expect(pageOf(rows, new URLSearchParams("")).rows).toEqual(rows.slice(0, 50));
    expect(pageOf(rows, new URLSearchParams("seite=5"))).toEqual({ page: 5, pages: 5, rows: rows.slice(200) });
    expect(pageOf(rows, new URLSearchParams("seite=99")).page).toBe(5);
    expect(pageOf(rows, new URLSearchParams("seite=-1")).page).toBe(1);
    expect(pageOf([], new URLSearchParams("seite=2"))).toEqual({ page: 1, pages: 1, rows: [] });
  });
});

describe("template form", () => {
  it("round-trips an example template through the form unchanged", () => {
    const definition = EXAMPLE_TEMPLATES[0].definition;
    const result = definitionFromForm(formValueOf(definition));
    expect(result).toEqual({ ok: true, definition });
  });

  it("puts the definition's German errors on the form's field names", () => {
    const result = definitionFromForm({
      phases: [
        { name: "", steps: [{ title: "Auftakt", dueInDays: "-1", responsibleRole: "projectLead", checklist: `a\n${"x".repeat(201)}` }, { title: "Auftakt", dueInDays: "viel", responsibleRole: "chef" }] },
        { name: "Leer", steps: [] },
      ],
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors["phases[0].name"]).toEqual(["Name der Phase fehlt."]);
    expect(result.fieldErrors["phases[0].steps[0].dueInDays"]).toEqual(["Die Fälligkeit liegt nicht vor dem Start."]);
    expect(result.fieldErrors["phases[0].steps[0].checklist"]).toEqual(["Checklistenpunkt darf höchstens 200 Zeichen lang sein."]);
    expect(result.fieldErrors["phases[0].steps[1].dueInDays"]).toEqual(["Fälligkeit (Tage ab Start) fehlt."]);
    expect(result.fieldErrors["phases[0].steps[1].responsibleRole"]?.[0]).toMatch(/^Unbekannte Rolle/);
    expect(result.fieldErrors["phases[1].steps"]).toEqual(["Jede Phase braucht mindestens einen Schritt."]);
  });

  it("names a duplicate key at the second step once the rest is valid", () => {
    const step = { title: "Auftakt", dueInDays: "3", responsibleRole: "projectLead" };
    const result = definitionFromForm({ phases: [{ name: "P", steps: [step, step] }] });
    expect(result.ok ? null : result.fieldErrors).toEqual({ "phases[0].steps[1].key": ["Der Schlüssel „auftakt“ kommt doppelt vor."] });
  });

  it("derives keys from titles and names list fields by their textarea", () => {
    expect(keyFromTitle("Datenschutz: Verzeichnis ergänzen!")).toBe("datenschutz-verzeichnis-ergaenzen");
    expect(formFieldOf(["phases", 2, "steps", 0, "documents", 4])).toBe("phases[2].steps[0].documents");
    expect(formFieldOf([])).toBe("phases");
  });
});

describe("matrix export table", () => {
  it("has one typed line per Kommune and step; CSV neutralises formulas", () => {
    const cell = (status: "open" | "done", overdue: boolean, ownerName: string | null) => ({ id: 1, version: 1, status, percent: status === "done" ? 100 : 33, checklistDone: 1, checklistTotal: 3, dueDate: "2026-12-01", ownerName, overdue, templateVersion: 2 });
    const table = programmeMatrixTable({
      template: { id: 1, name: "Anbindung", description: "", isExample: false, serviceProviderId: 1, createdAt: "", version: 1 },
      columns: [
        { key: "a", title: "Schritt A", phase: "P1", responsibleRole: "Projektleitung" },
        { key: "b", title: "Schritt B", phase: "P1", responsibleRole: "Datenschutz" },
      ],
      rows: [{ id: 1, municipalityId: 1, name: "Kleinhausen", templateVersion: 2, projectId: 1, startDate: "2026-11-01", cells: [cell("open", true, "=SUM(1)"), null] }],
    });
    expect(table.rows).toEqual([["Kleinhausen", 2, "P1", "Schritt A", "Projektleitung", "offen", 33, "2026-12-01", "ja", "=SUM(1)"]]);
    expect(table.columns.map((c) => c.kind)).toEqual(["text", "integer", "text", "text", "text", "text", "percent", "date", "text", "text"]);
    const csv = exportTableToCsv(table);
    expect(csv).toContain("'=SUM(1)");
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(2);
  });
});
