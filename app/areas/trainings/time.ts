import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";

const TZ = "Europe/Berlin";

/**
 * "2026-12-01" + "09:30" as wall-clock time in Berlin → UTC ISO instant; null when invalid,
 * including a time that does not exist on that day (02:30 on the day clocks go forward), which
 * is refused rather than silently shifted by an hour.
 */
export function berlinToUtcIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, m, day, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (h > 23 || mi > 59) return null;
  const value = new TZDate(y, m - 1, day, h, mi, TZ);
  if (value.getMonth() !== m - 1 || value.getDate() !== day) return null;
  if (value.getHours() !== h || value.getMinutes() !== mi) return null;
  return new Date(value.getTime()).toISOString();
}

/** Why berlinToUtcIso refuses a date and time: a malformed value, or a time skipped by DST. */
export function berlinTimeProblem(date: string, time: string): "invalid" | "dstGap" | null {
  if (berlinToUtcIso(date, time)) return null;
  // The same wall-clock time is valid at noon-safe hours of that day when only DST is the cause.
  return berlinToUtcIso(date, "12:00") && /^([01]?\d|2[0-3]):[0-5]\d$/.test(time) ? "dstGap" : "invalid";
}

/** UTC instant → Berlin calendar day "YYYY-MM-DD". */
export function berlinDate(iso: string): string {
  return format(new TZDate(new Date(iso).getTime(), TZ), "yyyy-MM-dd");
}

/** UTC instant → Berlin wall-clock "HH:mm". */
export function berlinTime(iso: string): string {
  return format(new TZDate(new Date(iso).getTime(), TZ), "HH:mm");
}
