import { z } from "zod";
import { TRAFFIC_LIGHTS, type TrafficLight } from "../../../db/schema/status-reports";

export const TRAFFIC_LIGHT_LABELS: Record<TrafficLight, string> = { green: "Grün: im Plan", yellow: "Gelb: gefährdet", red: "Rot: kritisch" };

export const DEFAULT_RHYTHM_MONTHS = 1;

/** The status report form: traffic light, progress in words, next steps and needs. */
export const StatusReportSchema = z.object({
  light: z.enum(TRAFFIC_LIGHTS, { message: "Bitte wählen Sie eine Ampelfarbe." }),
  progress: z.string({ message: "Bitte beschreiben Sie den Fortschritt." }).trim().min(1, "Bitte beschreiben Sie den Fortschritt.").max(4000, "Höchstens 4000 Zeichen."),
  nextSteps: z.string().trim().max(4000, "Höchstens 4000 Zeichen.").default(""),
  needs: z.string().trim().max(4000, "Höchstens 4000 Zeichen.").default(""),
});
export type StatusReportValues = z.output<typeof StatusReportSchema>;

/** Adds months to an ISO date (end of month clamps: 31 Jan + 1 = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** When the next report is due: one rhythm after the last report, or (never reported) one rhythm after the project was created. */
export function nextReportDue(lastReportedOn: string | null, createdOn: string, rhythmMonths: number): string {
  return addMonths(lastReportedOn ?? createdOn, rhythmMonths);
}
