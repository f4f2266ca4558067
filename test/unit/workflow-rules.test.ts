import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeDueDate, isoDay, reminderDate } from "~/workflow/dates";
import { DeadlineSpecSchema } from "~/workflow/definition";
import { replayHistory } from "~/workflow/replay";

describe("deadline dates", () => {
  const spec = DeadlineSpecSchema.parse({ key: "finalReport", label: "Verwendungsnachweis", from: { field: "fundingPeriodEnd" }, addMonths: 6 });

  it("adds months to a date field, clamping to the month end", () => {
    expect(computeDueDate(spec, { fundingPeriodEnd: "2026-12-31" }, "2026-01-01")).toBe("2027-06-30");
    expect(computeDueDate(spec, { fundingPeriodEnd: "2026-08-31" }, "2026-01-01")).toBe("2027-02-28");
  });

  it("uses only the calendar day of timestamps and ignores missing or invalid dates", () => {
    expect(computeDueDate(spec, { fundingPeriodEnd: "2026-03-15T10:00:00Z" }, "2026-01-01")).toBe("2026-09-15");
    expect(computeDueDate(spec, {}, "2026-01-01")).toBeUndefined();
    expect(computeDueDate(spec, { fundingPeriodEnd: "31.12.2026" }, "2026-01-01")).toBeUndefined();
    expect(isoDay("2026-02-30")).toBeUndefined();
  });

  it("can count from the day the state was entered", () => {
    const s = DeadlineSpecSchema.parse({ key: "doc", label: "Dokumentation", from: { enteredState: true }, addDays: 14 });
    expect(computeDueDate(s, {}, "2026-11-25")).toBe("2026-12-09");
  });

  it("puts the reminder the given number of days before the due date", () => {
    expect(reminderDate("2026-03-01", 1)).toBe("2026-02-28");
    expect(reminderDate("2026-03-01", 0)).toBe("2026-03-01");
  });
});

describe("history replay", () => {
  it("yields the state of the last entry for any consistent history", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 30 }), (states) => {
        const entries = states.map((s, i) => ({
          kind: i === 0 ? ("start" as const) : ("transition" as const),
          fromState: i === 0 ? null : states[i - 1],
          toState: s,
          instanceVersion: i + 1,
        }));
        expect(replayHistory(entries)).toEqual({ state: states.at(-1), version: states.length });
      }),
    );
  });

  it("rejects histories with gaps or a wrong starting point", () => {
    expect(() => replayHistory([])).toThrow();
    expect(() =>
      replayHistory([
        { kind: "start", fromState: null, toState: "a", instanceVersion: 1 },
        { kind: "transition", fromState: "b", toState: "c", instanceVersion: 2 },
      ]),
    ).toThrow(/starts in b/);
    expect(() =>
      replayHistory([
        { kind: "start", fromState: null, toState: "a", instanceVersion: 1 },
        { kind: "transition", fromState: "a", toState: "c", instanceVersion: 3 },
      ]),
    ).toThrow(/version 3/);
  });
});
