import { formatDate } from "../../utils/format";

/**
 * Hard limits on the dates of a submission and a grant decision: a wrong date here moves every
 * computed deadline, so these are errors, never hints. Dates are ISO strings.
 */
export function checkSubmissionDate(submittedOn: string, today: string): Record<string, string[]> {
  return submittedOn > today ? { submittedOn: [`Das Einreichungsdatum ${formatDate(submittedOn)} liegt in der Zukunft.`] } : {};
}

export function checkDecisionDates(input: {
  submittedOn: string | null;
  decisionDate: string;
  fundingPeriodStart?: string;
  fundingPeriodEnd?: string;
  today: string;
}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  if (input.decisionDate > input.today) errors.decisionDate = [`Der Bescheid vom ${formatDate(input.decisionDate)} liegt in der Zukunft.`];
  else if (input.submittedOn && input.decisionDate < input.submittedOn) {
    errors.decisionDate = [`Der Bescheid kann nicht vor der Einreichung am ${formatDate(input.submittedOn)} ergangen sein.`];
  }
  if (input.fundingPeriodStart && input.fundingPeriodEnd && input.fundingPeriodEnd <= input.fundingPeriodStart) {
    errors.fundingPeriodEnd = [`Das Ende des Bewilligungszeitraums muss nach dem Beginn (${formatDate(input.fundingPeriodStart)}) liegen.`];
  }
  return errors;
}
