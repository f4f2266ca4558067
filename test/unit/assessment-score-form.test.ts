import { describe, expect, it } from "vitest";
import { parseScoreForm } from "~/areas/assessment/score-form";

const criteria = [
  { id: 1, label: "Nutzen" },
  { id: 2, label: "IT-Sicherheit" },
];

function form(values: Record<string, string>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) f.set(k, v);
  return f;
}

describe("assessment form parsing", () => {
  it("reads scores, trims comments and the version", () => {
    const r = parseScoreForm(form({ version: "3", "score-1": "4", "comment-1": "  gut  ", "score-2": "0" }), criteria);
    expect(r.fieldErrors).toEqual({});
    expect(r.version).toBe(3);
    expect(r.scores).toEqual([
      { criterionId: 1, score: 4, comment: "gut" },
      { criterionId: 2, score: 0, comment: "" },
    ]);
  });

  it("names every missing or invalid score next to its criterion, in German", () => {
    const r = parseScoreForm(form({ version: "0", "score-1": "5", "comment-2": "x".repeat(1001) }), criteria);
    expect(r.fieldErrors["score-1"]).toEqual(["Die Bewertung muss eine ganze Zahl von 0 bis 4 sein."]);
    expect(r.fieldErrors["score-2"]).toEqual(["Bitte bewerten Sie „IT-Sicherheit“ mit 0 bis 4."]);
    expect(r.fieldErrors["comment-2"]?.[0]).toMatch(/höchstens 1000 Zeichen/);
    expect(r.scores).toEqual([]);
  });

  it("rejects a form without version", () => {
    expect(parseScoreForm(form({ "score-1": "1", "score-2": "2" }), criteria).fieldErrors.form).toBeDefined();
  });
});
