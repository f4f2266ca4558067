import { describe, expect, it } from "vitest";
import {
  centsToInput,
  formatDate,
  formatDateTime,
  formatEuro,
  formatPercentBp,
  parseEuroToCents,
  parseGermanDate,
  todayIso,
} from "~/utils/format";

describe("German formatting", () => {
  it("formats calendar dates as DD.MM.YYYY", () => {
    expect(formatDate("2026-11-23")).toBe("23.11.2026");
    expect(formatDate(null)).toBe("–");
  });

  it("shows timestamps in Europe/Berlin", () => {
    expect(formatDateTime("2026-11-23T23:30:00Z")).toBe("24.11.2026 00:30");
    expect(formatDateTime("2026-07-01T10:00:00Z")).toBe("01.07.2026 12:00");
  });

  it("formats cents as euro with German separators", () => {
    expect(formatEuro(123456)).toBe("1.234,56\u00a0€");
    expect(formatEuro(0)).toBe("0,00\u00a0€");
    expect(formatEuro(-5)).toBe("-0,05\u00a0€");
  });

  it("formats basis points as percent", () => {
    expect(formatPercentBp(6500)).toBe("65 %");
    expect(formatPercentBp(6550)).toBe("65,5 %");
  });

  it("parses German amounts into cents", () => {
    expect(parseEuroToCents("1.234,56")).toBe(123456);
    expect(parseEuroToCents("1234,5")).toBe(123450);
    expect(parseEuroToCents("1.234 €")).toBe(123400);
    expect(parseEuroToCents("12")).toBe(1200);
    expect(parseEuroToCents("1,234,56")).toBeNull();
    expect(parseEuroToCents("abc")).toBeNull();
    expect(centsToInput(123456)).toBe("1.234,56");
  });

  it("parses German and ISO dates and rejects impossible ones", () => {
    expect(parseGermanDate("23.11.2026")).toBe("2026-11-23");
    expect(parseGermanDate("1.2.2026")).toBe("2026-02-01");
    expect(parseGermanDate("2026-02-28")).toBe("2026-02-28");
    expect(parseGermanDate("30.02.2026")).toBeNull();
    expect(parseGermanDate("morgen")).toBeNull();
  });

  it("knows today's date in Berlin", () => {
    expect(todayIso(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});
