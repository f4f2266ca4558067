import { describe, expect, it } from "vitest";
import {
  GoalSchema,
  averageProgress,
  decimalToInput,
  goalProgress,
  currentValue,
  parseGermanDecimal,
  reorder,
} from "~/areas/agenda/agenda";

const TODAY = "2026-11-23";

describe("goal progress", () => {
  it("measures the share of the way from baseline to target for rising targets", () => {
    expect(goalProgress({ baseline: 20, targetValue: 80 }, [{ recordedOn: "2026-01-01", value: 50 }], TODAY)).toBeCloseTo(0.5);
  });

  it("works for falling targets (e.g. waiting days down from 21 to 5)", () => {
    expect(goalProgress({ baseline: 21, targetValue: 5 }, [{ recordedOn: "2026-01-01", value: 13 }], TODAY)).toBeCloseTo(0.5);
  });

  it("uses the latest value by date, not by position, and clamps to 0..1", () => {
    const values = [
      { recordedOn: "2026-06-01", value: 120 },
      { recordedOn: "2025-01-01", value: 10 },
    ];
    expect(currentValue(values, TODAY)?.value).toBe(120);
    expect(goalProgress({ baseline: 0, targetValue: 100 }, values, TODAY)).toBe(1);
    expect(goalProgress({ baseline: 50, targetValue: 100 }, [{ recordedOn: "2026-01-01", value: 10 }], TODAY)).toBe(0);
  });

  it("takes the latest value dated on or before today as current, never a future one", () => {
    const values = [
      { recordedOn: "2026-10-01", value: 40 },
      { recordedOn: "2030-01-01", value: 100 },
      { recordedOn: "2026-11-01", value: 45 },
    ];
    expect(currentValue(values, "2026-11-23")).toEqual({ recordedOn: "2026-11-01", value: 45 });
    expect(currentValue(values, "2026-11-01")?.value).toBe(45);
    expect(currentValue(values, "2026-10-31")?.value).toBe(40);
    expect(currentValue(values, "2026-09-30")).toBeUndefined();
    expect(goalProgress({ baseline: 0, targetValue: 100 }, values, "2026-11-23")).toBeCloseTo(0.45);
  });

  it("is zero without recorded values; averages several goals", () => {
    expect(goalProgress({ baseline: 0, targetValue: 10 }, [], TODAY)).toBe(0);
    expect(averageProgress([0.2, 0.6])).toBeCloseTo(0.4);
    expect(averageProgress([])).toBeNull();
  });
});

describe("German decimals", () => {
  it("parses German notation and rejects other input", () => {
    expect(parseGermanDecimal("1.234,5")).toBe(1234.5);
    expect(parseGermanDecimal("12,75")).toBe(12.75);
    expect(parseGermanDecimal("-3")).toBe(-3);
    expect(parseGermanDecimal("12.5")).toBeNull();
    expect(parseGermanDecimal("abc")).toBeNull();
    expect(parseGermanDecimal(decimalToInput(1234.5))).toBe(1234.5);
  });
});

describe("GoalSchema", () => {
  const valid = {
    fieldOfActionId: 1,
    title: "Leistungen online",
    indicator: "Anteil online",
    unit: "%",
    baseline: "20",
    targetValue: "90,5",
    targetDate: "31.12.2028",
  };

  it("accepts German numbers and dates", () => {
    const result = GoalSchema.parse(valid);
    expect(result).toMatchObject({ baseline: 20, targetValue: 90.5, targetDate: "2028-12-31" });
  });

  it("reports German messages at the fields", () => {
    const result = GoalSchema.safeParse({ ...valid, targetValue: "viel", targetDate: "31.02.2028" });
    expect(result.success).toBe(false);
    const messages = Object.fromEntries(result.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages.targetValue).toMatch(/muss eine Zahl sein, z\. B\. 12,5/);
    expect(messages.targetDate).toMatch(/kein gültiges Datum/);
  });

  it("refuses a target equal to the baseline", () => {
    const result = GoalSchema.safeParse({ ...valid, targetValue: "20" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["targetValue"], message: "Der Zielwert muss sich vom Ausgangswert unterscheiden." });
  });
});

describe("reorder", () => {
  it("swaps with the neighbour and keeps the edges", () => {
    expect(reorder([1, 2, 3], 2, "up")).toEqual([2, 1, 3]);
    expect(reorder([1, 2, 3], 2, "down")).toEqual([1, 3, 2]);
    expect(reorder([1, 2, 3], 1, "up")).toEqual([1, 2, 3]);
    expect(reorder([1, 2, 3], 3, "down")).toEqual([1, 2, 3]);
  });
});
