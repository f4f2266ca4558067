/** The funding application as a workflow subject, and its page. */
export const SUBJECT_TYPE = "fundingApplication";

export function applicationUrl(id: number): string {
  return `/foerderung/antraege/${id}`;
}
