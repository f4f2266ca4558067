import { describe, expect, it } from "vitest";
import { addDaysIso, addMonthsIso, berlinDayStartUtc, daysBetween, endOfMonthAfter, shiftDay, todayIso } from "~/utils/calendar";

describe("calendar module", () => {
  it("adds months clamped to the month end, in leap and common years", () => {
    expect(addMonthsIso("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsIso("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsIso("2026-03-31", -1)).toBe("2026-02-28");
    expect(addMonthsIso("2026-08-15", 6)).toBe("2027-02-15");
    expect(addMonthsIso("2028-02-29", 12)).toBe("2029-02-28");
  });

  it("adds days across month, year and leap day", () => {
    expect(addDaysIso("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDaysIso("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDaysIso("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("shifts months first, then days", () => {
    expect(shiftDay("2026-08-31", { months: 6, days: -1 })).toBe("2027-02-27");
    expect(shiftDay("2027-08-31", { months: 6, days: -1 })).toBe("2028-02-28");
    expect(shiftDay("2026-12-03", {})).toBe("2026-12-03");
  });

  it("finds the end of the M-th month after a day's month", () => {
    expect(endOfMonthAfter("2026-12-03", 0)).toBe("2026-12-31");
    expect(endOfMonthAfter("2027-11-30", 3)).toBe("2028-02-29");
    expect(endOfMonthAfter("2026-01-31", 1)).toBe("2026-02-28");
  });

  it("counts calendar days independent of daylight saving time", () => {
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2); // over the spring change (29.03.)
    expect(daysBetween("2026-10-24", "2026-10-26")).toBe(2); // over the autumn change (25.10.)
    expect(daysBetween("2026-12-03", "2026-12-01")).toBe(-2);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
  });

  it("takes today in Europe/Berlin, also around midnight and the DST changes", () => {
    expect(todayIso(new Date("2026-12-02T23:30:00Z"))).toBe("2026-12-03"); // 00:30 CET
    expect(todayIso(new Date("2026-12-02T22:59:59Z"))).toBe("2026-12-02"); // 23:59 CET
    expect(todayIso(new Date("2026-07-01T22:30:00Z"))).toBe("2026-07-02"); // 00:30 CEST
    expect(todayIso(new Date("2026-03-28T23:30:00Z"))).toBe("2026-03-29"); // night of the spring change
    expect(todayIso(new Date("2026-10-24T22:30:00Z"))).toBe("2026-10-25"); // night of the autumn change
  });

  it("gives the UTC start of a Berlin day, one hour off in winter, two in summer", () => {
    expect(berlinDayStartUtc("2026-12-03")).toBe("2026-12-02T23:00:00.000Z");
    expect(berlinDayStartUtc("2026-07-01")).toBe("2026-06-30T22:00:00.000Z");
    expect(berlinDayStartUtc("2026-03-29")).toBe("2026-03-28T23:00:00.000Z"); // the change is at 02:00
    expect(berlinDayStartUtc("2026-03-29", 1)).toBe("2026-03-29T22:00:00.000Z");
    expect(berlinDayStartUtc("2026-10-25")).toBe("2026-10-24T22:00:00.000Z");
  });
});
