import { isValid, parseISO } from "date-fns";
import { shiftDay } from "../utils/calendar";
import type { DeadlineSpec } from "./definition";

const DAY = /^\d{4}-\d{2}-\d{2}/;

/** The calendar day (YYYY-MM-DD) of an ISO date or timestamp, or undefined when it is none. */
export function isoDay(value: unknown): string | undefined {
  if (typeof value !== "string" || !DAY.test(value)) return undefined;
  const day = value.slice(0, 10);
  return isValid(parseISO(day)) ? day : undefined;
}

/**
 * Due date of a deadline from the subject's data: a date field (or the day the state was entered)
 * plus months and days. addMonths clamps to the month end (31 Aug + 6 months = 28/29 Feb), as
 * "by the end of the M-th month" rules expect. Undefined when the field holds no date yet.
 */
export function computeDueDate(spec: DeadlineSpec, data: Record<string, unknown>, enteredOn: string): string | undefined {
  const base = "field" in spec.from ? isoDay(data[spec.from.field]) : isoDay(enteredOn);
  if (!base) return undefined;
  return shiftDay(base, { months: spec.addMonths, days: spec.addDays });
}

export function reminderDate(dueDate: string, remindDaysBefore: number): string {
  return shiftDay(dueDate, { days: -remindDaysBefore });
}
