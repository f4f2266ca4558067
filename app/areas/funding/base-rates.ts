/**
 * Basiszinssatz (§ 247 BGB) as published by the Deutsche Bundesbank, each valid from its date until
 * the next entry. Reclaim interest under § 49a Abs. 3 VwVfG is this rate plus 5 percentage points
 * per year, so interest over a span that crosses a change is computed piecewise. Add each new
 * half-year's rate when the Bundesbank publishes it; the last entry applies until then.
 */
export interface BaseRate {
  validFrom: string;
  rateBp: number;
}

export const BASE_RATES: readonly BaseRate[] = [
  { validFrom: "2016-07-01", rateBp: -88 },
  { validFrom: "2023-01-01", rateBp: 162 },
  { validFrom: "2023-07-01", rateBp: 312 },
  { validFrom: "2024-01-01", rateBp: 362 },
  { validFrom: "2024-07-01", rateBp: 337 },
  { validFrom: "2025-01-01", rateBp: 227 },
  { validFrom: "2025-07-01", rateBp: 127 },
];

/** Percentage points above the base rate (§ 49a Abs. 3 Satz 1 VwVfG). */
export const RECLAIM_POINTS_BP = 500;

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

function isoFromDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface InterestPeriod {
  from: string;
  /** Exclusive end. */
  until: string;
  days: number;
  rateBp: number;
  interestCents: number;
}

/**
 * Interest on a reclaimed amount from `since` (inclusive) to `until` (exclusive), split where the
 * base rate changed; simple interest on a 365-day year, each period rounded down to the cent.
 */
export function reclaimInterest(
  amountCents: number,
  since: string,
  until: string,
  rates: readonly BaseRate[] = BASE_RATES,
  pointsBp: number = RECLAIM_POINTS_BP,
): { totalCents: number; periods: InterestPeriod[] } {
  const start = dayNumber(since);
  const end = dayNumber(until);
  if (amountCents <= 0 || end <= start) return { totalCents: 0, periods: [] };
  const sorted = [...rates].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  if (!sorted.length || dayNumber(sorted[0]!.validFrom) > start) {
    throw new Error(`no base rate known for ${since}`);
  }
  const periods: InterestPeriod[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const from = Math.max(start, dayNumber(sorted[i]!.validFrom));
    const to = Math.min(end, i + 1 < sorted.length ? dayNumber(sorted[i + 1]!.validFrom) : end);
    if (to <= from) continue;
    const rateBp = Math.max(0, sorted[i]!.rateBp + pointsBp);
    const days = to - from;
    const interestCents = Number((BigInt(amountCents) * BigInt(rateBp) * BigInt(days)) / (10000n * 365n));
    periods.push({ from: isoFromDay(from), until: isoFromDay(to), days, rateBp, interestCents });
  }
  return { totalCents: periods.reduce((s, p) => s + p.interestCents, 0), periods };
}
