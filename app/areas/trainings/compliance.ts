import { addDaysIso, addMonthsIso } from "../../utils/calendar";

/** Days before expiry in which a mandatory training counts as "bald fällig". */
export const DUE_WINDOW_DAYS = 60;
/**
 * Grace period of a new obligation: a new mandatory rule, or a person new on record, is due this
 * many days after the obligation began, not overdue on day one.
 */
export const GRACE_PERIOD_DAYS = 90;
/** Coverage looks at trainings of the last 12 months. */
export const COVERAGE_WINDOW_MONTHS = 12;

export type ComplianceStatus = "compliant" | "due" | "overdue";

/** First day that still counts for coverage: today minus 12 months. */
export function coverageSince(today: string): string {
  return addMonthsIso(today, -COVERAGE_WINDOW_MONTHS);
}

/**
 * When a mandatory training attended on `lastDate` must be renewed; null when it never expires.
 * The training is valid up to and excluding this day.
 */
export function renewalDueDate(lastDate: string, renewalMonths: number | null): string | null {
  return renewalMonths == null ? null : addMonthsIso(lastDate, renewalMonths);
}

/** When the obligation began for a person: the later of the rule's and the person's record date. */
export function obligedSince(ruleCreatedAt: string, personRecordedAt: string): string {
  const rule = ruleCreatedAt.slice(0, 10);
  const person = personRecordedAt.slice(0, 10);
  return rule > person ? rule : person;
}

/**
 * Status of one person for one mandatory training. Never attended is due within the grace period
 * after the obligation began (`obligedSince`), and overdue after it; without that date, overdue.
 */
export function complianceStatus(
  lastDate: string | null,
  renewalMonths: number | null,
  today: string,
  options: { obligedSince?: string | null; dueWindowDays?: number } = {},
): { status: ComplianceStatus; dueDate: string | null } {
  const dueWindowDays = options.dueWindowDays ?? DUE_WINDOW_DAYS;
  if (!lastDate) {
    if (!options.obligedSince) return { status: "overdue", dueDate: null };
    const firstDue = addDaysIso(options.obligedSince, GRACE_PERIOD_DAYS);
    return { status: firstDue <= today ? "overdue" : "due", dueDate: firstDue };
  }
  const dueDate = renewalDueDate(lastDate, renewalMonths);
  if (dueDate === null) return { status: "compliant", dueDate: null };
  if (dueDate <= today) return { status: "overdue", dueDate };
  if (dueDate <= addDaysIso(today, dueWindowDays)) return { status: "due", dueDate };
  return { status: "compliant", dueDate };
}

export interface UnitCoverageCounts {
  unitId: number;
  unitName: string;
  employees: number;
  /** ≥ 1 training (attended or confirmed external) in the last 12 months. */
  trainedRecently: number;
  /** trainedRecently AND all applicable mandatory trainings current. */
  covered: number;
}

export interface UnitCoverage extends UnitCoverageCounts {
  /** covered / employees in basis points; null for a unit without employees. */
  coverageBp: number | null;
  meetsTarget: boolean | null;
}

export function shareBp(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000);
}

/** Per-unit shares, the Kommune total and whether each meets the target. */
export function summariseCoverage(rows: readonly UnitCoverageCounts[], targetBp: number) {
  const units: UnitCoverage[] = rows.map((r) => {
    const coverageBp = shareBp(r.covered, r.employees);
    return { ...r, coverageBp, meetsTarget: coverageBp == null ? null : coverageBp >= targetBp };
  });
  const employees = rows.reduce((s, r) => s + r.employees, 0);
  const covered = rows.reduce((s, r) => s + r.covered, 0);
  const trainedRecently = rows.reduce((s, r) => s + r.trainedRecently, 0);
  const totalBp = shareBp(covered, employees);
  return {
    units,
    total: { employees, covered, trainedRecently, coverageBp: totalBp, meetsTarget: totalBp == null ? null : totalBp >= targetBp },
    targetBp,
  };
}
