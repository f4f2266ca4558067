import { z } from "zod";
import { goalProgressShare } from "../dashboard/goal-progress";
import { FOCUS_AREAS, type FocusArea } from "../../../db/schema/agenda";
import { germanDateField } from "../../utils/zod-fields";

export { FOCUS_AREAS, type FocusArea };

export const FOCUS_AREA_LABELS: Record<FocusArea, string> = {
  topics: "Digitale Themen",
  organisation: "Digitale Organisation",
  technology: "Digitale Technologien",
};

/** Parses a German decimal ("1.234,5", "12,5", "-3") into a number; null when invalid. */
export function parseGermanDecimal(input: string): number | null {
  const s = input.trim().replace(/\s|\u00a0/g, "");
  if (!/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(s)) return null;
  const n = Number(s.replace(/\./g, "").replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

/** A number as an editable German decimal: 1234.5 → "1234,5" (no grouping, so it parses back). */
export function decimalToInput(value: number | null | undefined): string {
  if (value == null) return "";
  return String(value).replace(".", ",");
}

const germanDecimal = (label: string, accusative: string) =>
  z
    .string({ error: `Bitte geben Sie ${accusative} ein.` })
    .trim()
    .transform((value, ctx) => {
      const n = parseGermanDecimal(value);
      if (n === null) {
        ctx.addIssue({ code: "custom", message: `${label} muss eine Zahl sein, z. B. 12,5.` });
        return z.NEVER;
      }
      return n;
    });

export const VisionSchema = z.object({
  title: z
    .string({ error: "Bitte geben Sie einen Titel ein." })
    .trim()
    .min(3, { error: "Der Titel muss mindestens 3 Zeichen lang sein." })
    .max(120, { error: "Der Titel darf höchstens 120 Zeichen lang sein." }),
  vision: z
    .string({ error: "Bitte beschreiben Sie die Vision." })
    .trim()
    .min(20, { error: "Die Vision sollte mindestens 20 Zeichen umfassen." })
    .max(4000, { error: "Die Vision darf höchstens 4.000 Zeichen lang sein." }),
  trainingCoverageTargetPercent: z
    .number({ error: "Bitte geben Sie die Ziel-Schulungsquote in Prozent ein." })
    .int({ error: "Bitte eine ganze Zahl angeben." })
    .min(0, { error: "Die Schulungsquote liegt zwischen 0 und 100 %." })
    .max(100, { error: "Die Schulungsquote liegt zwischen 0 und 100 %." }),
  version: z.number().int().positive(),
});
export type VisionInput = z.infer<typeof VisionSchema>;

export const FieldOfActionSchema = z.object({
  name: z
    .string({ error: "Bitte geben Sie einen Namen ein." })
    .trim()
    .min(2, { error: "Der Name muss mindestens 2 Zeichen lang sein." })
    .max(80, { error: "Der Name darf höchstens 80 Zeichen lang sein." }),
  focusArea: z.enum(FOCUS_AREAS, { error: "Bitte wählen Sie einen Fokusbereich." }),
  description: z.string().trim().max(1000, { error: "Die Beschreibung darf höchstens 1.000 Zeichen lang sein." }).default(""),
});
export type FieldOfActionInput = z.infer<typeof FieldOfActionSchema>;

export const GoalSchema = z
  .object({
    fieldOfActionId: z.number({ error: "Bitte wählen Sie ein Handlungsfeld." }).int().positive(),
    title: z
      .string({ error: "Bitte geben Sie das Ziel ein." })
      .trim()
      .min(3, { error: "Das Ziel muss mindestens 3 Zeichen lang sein." })
      .max(200, { error: "Das Ziel darf höchstens 200 Zeichen lang sein." }),
    indicator: z
      .string({ error: "Bitte geben Sie die Kennzahl ein." })
      .trim()
      .min(3, { error: "Die Kennzahl muss mindestens 3 Zeichen lang sein." })
      .max(200, { error: "Die Kennzahl darf höchstens 200 Zeichen lang sein." }),
    unit: z
      .string({ error: "Bitte geben Sie die Einheit ein (z. B. %, Anzahl)." })
      .trim()
      .min(1, { error: "Bitte geben Sie die Einheit ein (z. B. %, Anzahl)." })
      .max(30, { error: "Die Einheit darf höchstens 30 Zeichen lang sein." }),
    baseline: germanDecimal("Der Ausgangswert", "den Ausgangswert"),
    targetValue: germanDecimal("Der Zielwert", "den Zielwert"),
    targetDate: germanDateField("Das Zieldatum", "das Zieldatum"),
    version: z.number().int().positive().optional(),
  })
  .superRefine((goal, ctx) => {
    if (goal.baseline === goal.targetValue) {
      ctx.addIssue({
        code: "custom",
        path: ["targetValue"],
        message: "Der Zielwert muss sich vom Ausgangswert unterscheiden.",
      });
    }
  });
export type GoalInput = z.infer<typeof GoalSchema>;

export const GoalValueSchema = z.object({
  /** Set when correcting a recorded value. */
  valueId: z.coerce.number().int().positive().optional(),
  recordedOn: germanDateField("Der Stichtag", "den Stichtag"),
  value: germanDecimal("Der Istwert", "den Istwert"),
  note: z.string().trim().max(500, { error: "Die Notiz darf höchstens 500 Zeichen lang sein." }).default(""),
});
export type GoalValueInput = z.infer<typeof GoalValueSchema>;

export interface GoalValuePoint {
  recordedOn: string;
  value: number;
}

/**
 * The current value ("Aktuell"): the latest value dated on or before today (ISO date), or
 * undefined when none is. A value dated later (entered before future dates were refused) never
 * counts; on equal dates the one recorded last wins.
 */
export function currentValue<V extends GoalValuePoint>(values: readonly V[], today: string): V | undefined {
  let current: V | undefined;
  for (const v of values) if (v.recordedOn <= today && (!current || v.recordedOn >= current.recordedOn)) current = v;
  return current;
}

/**
 * Progress toward the target as a share 0..1: how far the current value has moved from the
 * baseline toward the target value. Works for falling targets too (e.g. processing time down from
 * 20 to 5 days). Clamped to 0..1; without a current value there is no progress yet (0).
 */
export function goalProgress(goal: { baseline: number; targetValue: number }, values: readonly GoalValuePoint[], today: string): number {
  const current = currentValue(values, today);
  return current ? goalProgressShare(goal.baseline, goal.targetValue, current.value) : 0;
}

/**
 * A goal measured by the Schulungsquote (indicator "Anteil geschulter Beschäftigter" or
 * "Schulungsquote", unit %): its actual value is the live coverage the trainings page computes,
 * not a value typed in, so agenda page, Statusbericht and trainings page show one figure.
 */
export function isTrainingCoverageGoal(goal: { indicator: string; unit: string }): boolean {
  const indicator = goal.indicator.trim().toLowerCase().replace(/\s+/g, " ");
  return goal.unit.trim() === "%" && (indicator.startsWith("anteil geschulter beschäftigte") || indicator.startsWith("schulungsquote"));
}

/** The live value of a training-coverage goal: coverage in basis points as a percentage. */
export function liveCoverageValue(coverageBp: number | null, today: string): (GoalValuePoint & { note: string }) | null {
  return coverageBp === null ? null : { recordedOn: today, value: coverageBp / 100, note: "Schulungsquote (live aus den Schulungen)" };
}

/** A goal value may not be dated after today: a future value would pass for the current one. */
export function futureValueError(recordedOn: string, today: string): string | null {
  return recordedOn > today ? "Der Stichtag darf nicht in der Zukunft liegen. Erfassen Sie Istwerte erst, wenn sie gemessen sind." : null;
}

/** Average progress of several goals (0..1), or null when there are none. */
export function averageProgress(progresses: readonly number[]): number | null {
  if (progresses.length === 0) return null;
  return progresses.reduce((a, b) => a + b, 0) / progresses.length;
}

/**
 * Moves one item up or down in an ordered list and returns the new order of ids; an id at the
 * edge stays where it is.
 */
export function reorder(ids: readonly number[], id: number, direction: "up" | "down"): number[] {
  const result = [...ids];
  const index = result.indexOf(id);
  if (index < 0) return result;
  const target = direction === "up" ? index - 1 : index + 1;
  if (target < 0 || target >= result.length) return result;
  [result[index], result[target]] = [result[target], result[index]];
  return result;
}

/** Vega-Lite spec for the small per-goal chart: actual values over time with baseline and target rules. */
export function goalChartSpec(
  goal: { baseline: number; targetValue: number; unit: string },
  values: readonly GoalValuePoint[],
) {
  return {
    width: 260,
    height: 110,
    data: { values: values.map((v) => ({ datum: v.recordedOn, wert: v.value })) },
    layer: [
      {
        mark: { type: "line" as const, point: true, color: "#184d7d" },
        encoding: {
          x: { field: "datum", type: "temporal" as const, title: null, axis: { format: "%m/%Y", labelAngle: 0, tickCount: 4 } },
          y: {
            field: "wert",
            type: "quantitative" as const,
            title: goal.unit,
            scale: { domain: [Math.min(goal.baseline, goal.targetValue, ...values.map((v) => v.value)), Math.max(goal.baseline, goal.targetValue, ...values.map((v) => v.value))] },
          },
        },
      },
      {
        data: { values: [{ y: goal.targetValue, label: "Ziel" }] },
        mark: { type: "rule" as const, color: "#166534", strokeDash: [4, 3] },
        encoding: { y: { field: "y", type: "quantitative" as const } },
      },
      {
        data: { values: [{ y: goal.baseline, label: "Ausgangswert" }] },
        mark: { type: "rule" as const, color: "#64748b", strokeDash: [2, 2] },
        encoding: { y: { field: "y", type: "quantitative" as const } },
      },
    ],
  };
}
