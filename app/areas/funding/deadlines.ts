import { formatDate } from "../../utils/format";

/** Date arithmetic on calendar dates (YYYY-MM-DD), independent of the server's time zone. */
function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number);
  return [y, m, d];
}

function toIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Adds months, clamping to the month's last day (31.01. + 1 month = 28./29.02.). */
export function addMonthsIso(iso: string, months: number): string {
  const [y, m, d] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return toIso(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

/** Last day of the M-th month after the month of `iso`. */
export function endOfMonthAfter(iso: string, months: number): string {
  const [y, m] = parts(iso);
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  return toIso(ny, nm, daysInMonth(ny, nm));
}

export function daysBetween(fromIso: string, toIsoDate: string): number {
  const [a, b, c] = parts(fromIso);
  const [x, y, z] = parts(toIsoDate);
  return Math.round((Date.UTC(x, y - 1, z) - Date.UTC(a, b - 1, c)) / 86_400_000);
}

export interface DeadlineRules {
  name: string;
  windowCloses: string | null;
  outlineFirst: boolean;
  outlineDeadline: string | null;
  drawdownWindowMonths: number;
  interimReportMonths: number | null;
  finalReportMonths: number;
  finalReportFixedDay: string | null;
}

export interface DeadlineFacts {
  /** Decision recorded as granted. */
  granted: boolean;
  submittedOn: string | null;
  outlineSubmitted: boolean;
  fundingPeriodStart: string | null;
  fundingPeriodEnd: string | null;
  earmarkingUntil: string | null;
  /** Received drawdowns, each starting a spending window, in the order received. */
  receivedDrawdowns: { id: number; receivedOn: string; receivedCents: number }[];
  /** Grant share of the expenditures so far: it uses up the drawdowns first in, first out. */
  usedGrantCents: number;
  /** Whether the application is closed (no more report deadlines). */
  closed: boolean;
}

export type FundingDeadlineKey = string;

export interface ComputedDeadline {
  key: FundingDeadlineKey;
  label: string;
  dueDate: string;
  remindDaysBefore: number;
  /** Who is reminded: the CDO runs applications and reports, the Kämmerei handles money. */
  assigneeRole: "cdo" | "finance";
}

/**
 * Every deadline that follows from the programme's rules and the decision. Pure: the server keeps
 * the result in the workflow engine's deadline table (upsert by key, stale keys cancelled).
 */
export function computeDeadlines(rules: DeadlineRules, facts: DeadlineFacts): ComputedDeadline[] {
  const list: ComputedDeadline[] = [];
  if (facts.closed) {
    if (facts.earmarkingUntil) {
      list.push({ key: "earmarking", label: `Ende der Zweckbindungsfrist`, dueDate: facts.earmarkingUntil, remindDaysBefore: 60, assigneeRole: "cdo" });
    }
    return list;
  }
  if (!facts.submittedOn && !facts.granted) {
    if (rules.outlineFirst && rules.outlineDeadline && !facts.outlineSubmitted) {
      list.push({ key: "outline", label: `Frist für die Projektskizze (${rules.name})`, dueDate: rules.outlineDeadline, remindDaysBefore: 14, assigneeRole: "cdo" });
    }
    if (rules.windowCloses) {
      list.push({ key: "applicationWindow", label: `Antragsfrist (${rules.name})`, dueDate: rules.windowCloses, remindDaysBefore: 14, assigneeRole: "cdo" });
    }
  }
  if (facts.granted && facts.fundingPeriodEnd) {
    const end = facts.fundingPeriodEnd;
    list.push({ key: "fundingPeriodEnd", label: "Ende des Bewilligungszeitraums", dueDate: end, remindDaysBefore: 30, assigneeRole: "cdo" });
    if (rules.interimReportMonths != null && facts.fundingPeriodStart) {
      const [startYear] = parts(facts.fundingPeriodStart);
      const [endYear] = parts(end);
      for (let year = startYear; year < endYear; year++) {
        list.push({
          key: `interimReport:${year}`,
          label: `Zwischennachweis für das Haushaltsjahr ${year}`,
          dueDate: endOfMonthAfter(toIso(year, 12, 1), rules.interimReportMonths),
          remindDaysBefore: 21,
          assigneeRole: "cdo",
        });
      }
    }
    const [endYear] = parts(end);
    const finalDue = rules.finalReportFixedDay
      ? `${endYear + 1}-${rules.finalReportFixedDay}`
      : endOfMonthAfter(end, rules.finalReportMonths);
    list.push({ key: "finalReport", label: "Verwendungsnachweis (Sachbericht und zahlenmäßiger Nachweis)", dueDate: finalDue, remindDaysBefore: 30, assigneeRole: "cdo" });
    let used = facts.usedGrantCents;
    for (const d of facts.receivedDrawdowns) {
      // A drawdown whose money has been spent has met its deadline.
      const covered = Math.min(used, d.receivedCents);
      used -= covered;
      if (covered >= d.receivedCents) continue;
      list.push({
        key: `drawdownSpending:${d.id}`,
        label: `Verausgabung des Mittelabrufs vom ${formatDate(d.receivedOn)} (${rules.drawdownWindowMonths} Monate)`,
        dueDate: addMonthsIso(d.receivedOn, rules.drawdownWindowMonths),
        remindDaysBefore: 14,
        assigneeRole: "finance",
      });
    }
  }
  if (facts.earmarkingUntil) {
    list.push({ key: "earmarking", label: "Ende der Zweckbindungsfrist", dueDate: facts.earmarkingUntil, remindDaysBefore: 60, assigneeRole: "cdo" });
  }
  return list.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.key.localeCompare(b.key));
}
