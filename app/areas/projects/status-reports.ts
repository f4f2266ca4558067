import { z } from "zod";
import { TRAFFIC_LIGHTS, type TrafficLight } from "../../../db/schema/status-reports";
import { addMonthsIso } from "../../utils/calendar";

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

/** When the next report is due: one rhythm after the last report, or (never reported) one rhythm after the project was created. */
export function nextReportDue(lastReportedOn: string | null, createdOn: string, rhythmMonths: number): string {
  return addMonthsIso(lastReportedOn ?? createdOn, rhythmMonths);
}
