import { TZDate } from "@date-fns/tz";

/** The daily digest goes out from this hour (Europe/Berlin). */
export const DIGEST_HOUR = 7;

/**
 * The latest 07:00 Europe/Berlin at or before `now`: mails held before it belong to the digest
 * that goes out now; later ones wait for the next morning. Pure, so the daylight-saving switch is
 * unit-tested.
 */
export function digestCutoff(now: Date): Date {
  const berlin = new TZDate(now.getTime(), "Europe/Berlin");
  const cutoff = new TZDate(berlin.getFullYear(), berlin.getMonth(), berlin.getDate(), DIGEST_HOUR, 0, 0, "Europe/Berlin");
  if (cutoff.getTime() > now.getTime()) cutoff.setDate(cutoff.getDate() - 1);
  return new Date(cutoff.getTime());
}
