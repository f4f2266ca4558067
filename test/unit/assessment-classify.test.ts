import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CriterionScore,
  type ProjectProgress,
  DEFAULT_CRITERIA,
  classifyProject,
  elapsedShare,
  focusAreaScores,
  progressProblems,
  scheduleFindings,
  weakestCriteria,
} from "~/areas/assessment/classify";

/** The default criteria, every one scored with `score` unless overridden by key. */
function scores(score: number, overrides: Record<string, number> = {}): CriterionScore[] {
  return DEFAULT_CRITERIA.map((c, i) => ({
    criterionId: i + 1,
    focusArea: c.focusArea,
    label: c.label,
    weight: c.weight,
    score: overrides[c.key] ?? score,
  }));
}

const healthy: ProjectProgress = {
  today: "2026-06-30",
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  finished: false,
  overdueMilestones: 0,
  plannedBudgetCents: 100_000_00,
  spentBudgetCents: 45_000_00,
};

describe("focus area scores", () => {
  it("weights criteria within a focus area", () => {
    // benefit (weight 2) = 4, goal fit (weight 1) = 1 → (8 + 1) / 3 = 3
    const result = focusAreaScores(scores(2, { benefit: 4, goalFit: 1 }));
    expect(result.topics).toBe(3);
    expect(result.organisation).toBe(2);
    expect(result.technology).toBe(2);
  });

  it("leaves an unscored focus area empty and ignores zero weights", () => {
    const list = scores(3).filter((s) => s.focusArea !== "technology");
    list[0] = { ...list[0], weight: 0, score: 0 };
    const result = focusAreaScores(list);
    expect(result.technology).toBeNull();
    expect(result.topics).toBe(3);
  });
});

describe("classification", () => {
  it("makes a high-scoring project on schedule and budget a lighthouse", () => {
    const r = classifyProject(scores(4, { goalFit: 3, staffing: 3 }), healthy);
    expect(r.classification).toBe("lighthouse");
    expect(r.needsSupport).toBe(false);
    expect(r.weakestCriteria).toEqual([]);
    expect(r.reason).toMatch(/^Leuchtturm: Die Gesamtbewertung ist mit 3,\d von 4 hoch/);
    expect(r.reason).toContain("Zeitplan und Budget sind eingehalten");
  });

  it("keeps a high scorer with one overdue milestone on track and says why", () => {
    const r = classifyProject(scores(4), { ...healthy, overdueMilestones: 1 });
    expect(r.classification).toBe("onTrack");
    expect(r.reason).toContain("1 Meilenstein ist überfällig");
  });

  it("keeps a high scorer with one weak focus area from being a lighthouse", () => {
    const r = classifyProject(scores(4, { maturity: 2, reuse: 2, interfaces: 2, itSecurity: 2 }), healthy);
    expect(r.classification).toBe("onTrack");
    expect(r.reason).toContain("„Digitale Technologien“ erreicht 2,0 von 4");
  });

  it("needs all three focus areas scored for a lighthouse", () => {
    const r = classifyProject(scores(4).filter((s) => s.focusArea !== "technology"), healthy);
    expect(r.classification).toBe("onTrack");
    expect(r.reason).toContain("„Digitale Technologien“ ist noch nicht bewertet");
  });

  it("makes a project with a low total score a laggard with Beratungsbedarf and names the weakest criteria", () => {
    const r = classifyProject(scores(2, { staffing: 0, training: 1, itSecurity: 1, benefit: 1 }), healthy);
    expect(r.totalScore).toBeLessThan(2);
    expect(r.classification).toBe("laggard");
    expect(r.needsSupport).toBe(true);
    expect(r.weakestCriteria.map((w) => w.label)).toEqual([
      "Personalausstattung",
      "Nutzen für Bürgerschaft und Beschäftigte", // weight 2 sorts before equal scores of weight 1
      "IT-Sicherheit und Datenschutz",
    ]);
    expect(r.reason).toMatch(/^Nachzügler: Die Gesamtbewertung liegt mit 1,\d von 4 unter 2,0/);
    expect(r.reason).toContain("Beratungsbedarf, schwächste Kriterien: Personalausstattung (0)");
  });

  it("makes one very weak focus area enough for a laggard", () => {
    const r = classifyProject(scores(4, { staffing: 1, cooperation: 1, training: 1, changeManagement: 1 }), healthy);
    expect(r.totalScore).toBeGreaterThanOrEqual(3);
    expect(r.classification).toBe("laggard");
    expect(r.reasons).toContain("„Digitale Organisation“ ist mit 1,0 von 4 zu schwach");
  });

  it("makes good scores with two overdue milestones a laggard", () => {
    const r = classifyProject(scores(4), { ...healthy, overdueMilestones: 2 });
    expect(r.classification).toBe("laggard");
    expect(r.reason).toContain("2 Meilensteine sind überfällig");
    // no criterion is weak, so none is named, but the flag is still set
    expect(r.weakestCriteria).toEqual([]);
    expect(r.reason).toMatch(/Beratungsbedarf\.$/);
  });

  it("flags budget overrun beyond 10 %", () => {
    const nearEnd = { ...healthy, today: "2026-12-30" };
    expect(classifyProject(scores(3), { ...nearEnd, spentBudgetCents: 110_000_00 }).classification).toBe("onTrack");
    const r = classifyProject(scores(3), { ...nearEnd, spentBudgetCents: 125_000_00 });
    expect(r.classification).toBe("laggard");
    expect(r.reasons).toContain("das Budget ist um 25 % überschritten");
  });

  it("flags spending far ahead of elapsed time", () => {
    // half the time gone (182 of 364 days), 80 % spent
    const r = classifyProject(scores(3), { ...healthy, today: "2026-07-02", spentBudgetCents: 80_000_00 });
    expect(r.classification).toBe("laggard");
    expect(r.reason).toContain("80 % des Budgets sind verbraucht, aber erst 50 % der Laufzeit vergangen");
    // 70 % spent is within the 25-point tolerance
    expect(classifyProject(scores(3), { ...healthy, spentBudgetCents: 70_000_00 }).classification).toBe("onTrack");
  });

  it("flags a running project past its end date, but not a finished one", () => {
    const late = { ...healthy, today: "2027-02-01", spentBudgetCents: 90_000_00 };
    expect(classifyProject(scores(3), late).reasons).toContain("das geplante Projektende ist überschritten");
    expect(classifyProject(scores(3), { ...late, finished: true }).classification).toBe("onTrack");
  });

  it("flags spending without a planned budget", () => {
    const r = classifyProject(scores(3), { ...healthy, plannedBudgetCents: 0, spentBudgetCents: 1 });
    expect(r.classification).toBe("laggard");
    expect(r.reason).toContain("Ausgaben ohne geplantes Budget");
  });

  it("rejects scores outside 0–4", () => {
    expect(() => classifyProject(scores(5), healthy)).toThrow(RangeError);
    expect(() => classifyProject(scores(2, { benefit: 1.5 }), healthy)).toThrow(RangeError);
  });

  it("always returns exactly one classification, laggard iff needsSupport, and a German reason", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 10, maxLength: 10 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 200_000_00 }),
        (values, overdue, spent) => {
          const list = scores(0).map((s, i) => ({ ...s, score: values[i] }));
          const r = classifyProject(list, { ...healthy, overdueMilestones: overdue, spentBudgetCents: spent });
          expect(["lighthouse", "onTrack", "laggard"]).toContain(r.classification);
          expect(r.needsSupport).toBe(r.classification === "laggard");
          expect(r.totalScore).toBeGreaterThanOrEqual(0);
          expect(r.totalScore).toBeLessThanOrEqual(4);
          if (overdue >= 2) expect(r.classification).toBe("laggard");
          if (r.classification === "lighthouse") expect(overdue).toBe(0);
          expect(r.reason.length).toBeGreaterThan(20);
          for (const w of r.weakestCriteria) expect(w.score).toBeLessThanOrEqual(2);
        },
      ),
    );
  });
});

describe("progress helpers", () => {
  it("computes the elapsed share clamped to 0..1", () => {
    expect(elapsedShare({ today: "2025-12-01", startDate: "2026-01-01", endDate: "2026-12-31" })).toBe(0);
    expect(elapsedShare({ today: "2027-03-01", startDate: "2026-01-01", endDate: "2026-12-31" })).toBe(1);
    expect(elapsedShare({ today: "2026-07-02", startDate: "2026-01-01", endDate: "2026-12-31" })).toBeCloseTo(0.5, 2);
    expect(elapsedShare({ today: "2026-07-02", startDate: null, endDate: "2026-12-31" })).toBeNull();
  });

  it("reports nothing for a healthy project", () => {
    expect(progressProblems(healthy)).toEqual([]);
  });

  it("orders the weakest criteria by score, then weight, and names at most three", () => {
    const w = weakestCriteria(scores(0));
    expect(w).toHaveLength(3);
    expect(w[0].label).toBe("Nutzen für Bürgerschaft und Beschäftigte");
    expect(weakestCriteria(scores(3))).toEqual([]);
  });
});

describe("risks and schedule in the classification", () => {
  const strong = () => scores(4, { goalFit: 3, staffing: 3 });

  it("rates the project of the issue (4×4 risk, depends on a laggard ending after it) a laggard, not a lighthouse", () => {
    const r = classifyProject(strong(), {
      ...healthy,
      highRisks: [{ title: "Fachverfahren nicht rechtzeitig verfügbar", score: 16 }],
      prerequisites: [{ title: "Breitband Gewerbegebiet", endDate: "2027-03-31", finished: false, classification: "laggard" }],
    });
    expect(r.classification).toBe("laggard");
    expect(r.reason).not.toContain("Zeitplan und Budget sind eingehalten");
    expect(r.reason).toContain("„Breitband Gewerbegebiet“");
    expect(r.reason).toContain("31.03.2027");
    expect(r.reason).toContain("„Fachverfahren nicht rechtzeitig verfügbar“ (16)");
  });

  it("keeps a project with one open high risk from being a lighthouse and names the risk", () => {
    const r = classifyProject(strong(), { ...healthy, highRisks: [{ title: "Akzeptanz", score: 15 }] });
    expect(r.classification).toBe("onTrack");
    expect(r.reason).toContain("ein hohes Risiko ist offen: „Akzeptanz“ (15)");
    expect(r.reason).not.toContain("Zeitplan und Budget sind eingehalten");
  });

  it("makes two open high risks a laggard", () => {
    const r = classifyProject(strong(), { ...healthy, highRisks: [{ title: "A", score: 20 }, { title: "B", score: 16 }] });
    expect(r.classification).toBe("laggard");
    expect(r.reason).toContain("2 hohe Risiken sind offen");
  });

  it("names a prerequisite that ends after the project starts and one that is a laggard, without making a laggard", () => {
    const r = classifyProject(strong(), {
      ...healthy,
      prerequisites: [
        { title: "Portal", endDate: "2026-03-31", finished: false, classification: null },
        { title: "E-Akte", endDate: "2025-12-01", finished: false, classification: "laggard" },
      ],
    });
    expect(r.classification).toBe("onTrack");
    expect(r.reason).toContain("„Portal“, von dem das Projekt abhängt, endet erst am 31.03.2026, nach dem Projektbeginn (01.01.2026)");
    expect(r.reason).toContain("das Projekt hängt vom Nachzügler „E-Akte“ ab");
  });

  it("ignores finished prerequisites", () => {
    const r = classifyProject(strong(), {
      ...healthy,
      prerequisites: [{ title: "Portal", endDate: "2027-03-31", finished: true, classification: "laggard" }],
    });
    expect(r.classification).toBe("lighthouse");
  });

  it("names open milestones after the project end", () => {
    const r = classifyProject(strong(), { ...healthy, milestonesAfterEnd: [{ title: "Go-live", dueDate: "2027-02-01" }] });
    expect(r.classification).toBe("onTrack");
    expect(r.reason).toContain("der Meilenstein „Go-live“ (01.02.2027) liegt nach dem Projektende (31.12.2026)");
  });

  it("does not judge a finished project on risks or schedule", () => {
    const r = classifyProject(strong(), {
      ...healthy,
      finished: true,
      highRisks: [{ title: "A", score: 20 }, { title: "B", score: 16 }],
      milestonesAfterEnd: [{ title: "Go-live", dueDate: "2027-02-01" }],
    });
    expect(r.classification).toBe("lighthouse");
  });

  it("says in the lighthouse reason that no high risk is open", () => {
    const r = classifyProject(strong(), healthy);
    expect(r.reason).toContain("kein hohes Risiko ist offen");
  });
});

describe("schedule findings for the forms", () => {
  it("lists the same conflicts as the classification, as whole German sentences", () => {
    const found = scheduleFindings({
      ...healthy,
      highRisks: [{ title: "A", score: 16 }],
      prerequisites: [{ title: "Portal", endDate: "2027-03-31", finished: false, classification: null }],
      milestonesAfterEnd: [{ title: "Go-live", dueDate: "2027-02-01" }],
    });
    expect(found.problems).toEqual(["„Portal“, von dem das Projekt abhängt, endet erst am 31.03.2027, nach dem Projektende (31.12.2026)"]);
    expect(found.cautions).toEqual([
      "ein hohes Risiko ist offen: „A“ (16)",
      "der Meilenstein „Go-live“ (01.02.2027) liegt nach dem Projektende (31.12.2026)",
    ]);
  });
});
