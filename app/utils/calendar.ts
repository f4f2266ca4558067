import { addDays, addMonths, format, lastDayOfMonth, parseISO } from "date-fns";
import { TZDate } from "@date-fns/tz";

/**
 * The one calendar module: arithmetic on calendar days as ISO strings (YYYY-MM-DD) and "today" in
 * Europe/Berlin. Pure; every area, the workflow engine and the seeds use it. Month arithmetic
 * clamps to the month end (31.01. + 1 Monat = 28./29.02.), as "by the end of the M-th month" rules
 * and renewal periods expect.
 */
export const CALENDAR_TIME_ZONE = "Europe/Berlin";

const ISO_DAY = "yyyy-MM-dd";

// Built once: "today" is asked on every workflow transition and many loaders; building an Intl
// formatter costs more than the rest of the call.
const berlinDay = new Intl.DateTimeFormat("en-CA", { timeZone: CALENDAR_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar day in Europe/Berlin (YYYY-MM-DD). */
export function todayIso(now: Date = new Date()): string {
  return berlinDay.format(now);
}

export function addDaysIso(day: string, days: number): string {
  return format(addDays(parseISO(day), days), ISO_DAY);
}

/** Adds months, clamping to the month's last day (31.01. + 1 Monat = 28./29.02.). */
export function addMonthsIso(day: string, months: number): string {
  return format(addMonths(parseISO(day), months), ISO_DAY);
}

/** Months first, then days: 31.08. + 6 Monate − 1 Tag = 27./28.02. */
export function shiftDay(day: string, { months = 0, days = 0 }: { months?: number; days?: number }): string {
  return format(addDays(addMonths(parseISO(day), months), days), ISO_DAY);
}

/** Last day of the M-th month after the month of `day` (M = 0: the month's own last day). */
export function endOfMonthAfter(day: string, months: number): string {
  return format(lastDayOfMonth(addMonths(parseISO(`${day.slice(0, 7)}-01`), months)), ISO_DAY);
}

/** Start of a Berlin calendar day (plus `days`) as a UTC ISO timestamp, comparable with stored timestamps. */
export function berlinDayStartUtc(day: string, days = 0): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d + days, CALENDAR_TIME_ZONE).getTime()).toISOString();
}

/** Calendar days from `from` to `to` (negative when `to` is earlier), independent of DST. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
