import { addMonthsIso, endOfMonthAfter } from "../../utils/calendar";
import { formatDate } from "../../utils/format";

/** Year, month, day of a calendar date (YYYY-MM-DD); the arithmetic is in ~/utils/calendar. */
function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split("-").map(Number);
  return [y, m, d];
}

function toIso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
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
