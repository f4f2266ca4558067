import { z } from "zod";
import type { ProgrammeStepStatus } from "../../../db/schema/rollin";
import { addDaysIso } from "../../utils/calendar";

/**
 * A programme template's content: phases with steps whose due dates count from the rollout's
 * start. Pure: validated with German messages, no I/O.
 */
export const PROGRAMME_ROLES = {
  projectLead: "Projektleitung",
  technicalContact: "Technische Ansprechperson",
  subjectContact: "Fachliche Ansprechperson",
  dataProtection: "Datenschutz",
} as const;
export type ProgrammeRole = keyof typeof PROGRAMME_ROLES;

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} fehlt.` })
    .trim()
    .min(1, { error: `${label} fehlt.` })
    .max(max, { error: `${label} darf höchstens ${max} Zeichen lang sein.` });

export const ProgrammeStepSchema = z.object({
  key: z
    .string({ error: "Schlüssel des Schritts fehlt." })
    .regex(/^[a-z0-9-]{1,40}$/, { error: "Der Schlüssel eines Schritts besteht aus a–z, 0–9 und Bindestrich (höchstens 40 Zeichen)." }),
  title: text("Titel des Schritts", 160),
  dueInDays: z
    .number({ error: "Fälligkeit (Tage ab Start) fehlt." })
    .int({ error: "Fälligkeit in ganzen Tagen angeben." })
    .min(0, { error: "Die Fälligkeit liegt nicht vor dem Start." })
    .max(1830, { error: "Die Fälligkeit liegt höchstens fünf Jahre nach dem Start." }),
  responsibleRole: z.enum(Object.keys(PROGRAMME_ROLES) as [ProgrammeRole, ...ProgrammeRole[]], {
    error: "Unbekannte Rolle (Projektleitung, Technik, Fachlichkeit, Datenschutz).",
  }),
  optional: z.boolean().default(false),
  checklist: z.array(text("Checklistenpunkt", 200)).max(30).default([]),
  trainings: z.array(text("Schulung", 160)).max(10).default([]),
  documents: z.array(text("Unterlage", 160)).max(10).default([]),
});
export type ProgrammeStep = z.infer<typeof ProgrammeStepSchema>;

export const ProgrammeDefinitionSchema = z
  .object({
    phases: z
      .array(z.object({ name: text("Name der Phase", 120), steps: z.array(ProgrammeStepSchema).min(1, { error: "Jede Phase braucht mindestens einen Schritt." }) }))
      .min(1, { error: "Ein Programm braucht mindestens eine Phase." })
      .max(12, { error: "Höchstens 12 Phasen." }),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.phases.forEach((p, i) =>
      p.steps.forEach((s, j) => {
        if (seen.has(s.key)) ctx.addIssue({ code: "custom", path: ["phases", i, "steps", j, "key"], message: `Der Schlüssel „${s.key}“ kommt doppelt vor.` });
        seen.add(s.key);
      }),
    );
    if (seen.size > 60) ctx.addIssue({ code: "custom", path: ["phases"], message: "Höchstens 60 Schritte je Programm." });
  });
export type ProgrammeDefinition = z.infer<typeof ProgrammeDefinitionSchema>;

/** Parses stored or pasted JSON into a definition, or German messages with their place. */
export function parseProgrammeDefinition(json: string): { ok: true; definition: ProgrammeDefinition } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return { ok: false, errors: ["Die Vorlage ist kein gültiges JSON."] };
  }
  const parsed = ProgrammeDefinitionSchema.safeParse(raw);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)) };
}

export interface PlannedStep {
  key: string;
  position: number;
  phase: string;
  title: string;
  responsibleRole: ProgrammeRole;
  dueDate: string;
  checklistTotal: number;
}

/** The steps of a definition in order, with due dates from the start date. */
export function planSteps(definition: ProgrammeDefinition, startDate: string): PlannedStep[] {
  let position = 0;
  return definition.phases.flatMap((phase) =>
    phase.steps.map((s) => ({
      key: s.key,
      position: position++,
      phase: phase.name,
      title: s.title,
      responsibleRole: s.responsibleRole,
      dueDate: addDaysIso(startDate, s.dueInDays),
      checklistTotal: s.checklist.length,
    })),
  );
}

export interface CurrentStep {
  id: number;
  stepKey: string;
  status: ProgrammeStepStatus;
  checklistDone: number;
}

/** A step is started once someone worked on it: status beyond "offen" or a ticked checklist item. */
export function isStarted(step: Pick<CurrentStep, "status" | "checklistDone">): boolean {
  return step.status !== "open" || step.checklistDone > 0;
}

export interface UpgradePlan {
  /** Steps not yet started that the new version changes (new title, due date, role, checklist). */
  update: { id: number; step: PlannedStep }[];
  /** Steps new in this version. */
  insert: PlannedStep[];
  /** Steps not started that the new version drops. */
  remove: number[];
  /** Started steps stay as they are, even when the new version changes or drops them. */
  kept: string[];
}

/** What a new template version changes in one Kommune's rollout: only steps not yet started. */
export function planUpgrade(current: readonly CurrentStep[], next: ProgrammeDefinition, startDate: string): UpgradePlan {
  const planned = planSteps(next, startDate);
  const byKey = new Map(current.map((c) => [c.stepKey, c]));
  const plan: UpgradePlan = { update: [], insert: [], remove: [], kept: [] };
  for (const step of planned) {
    const existing = byKey.get(step.key);
    if (!existing) plan.insert.push(step);
    else if (isStarted(existing)) plan.kept.push(step.key);
    else plan.update.push({ id: existing.id, step });
  }
  const nextKeys = new Set(planned.map((p) => p.key));
  for (const c of current) {
    if (nextKeys.has(c.stepKey)) continue;
    if (isStarted(c)) plan.kept.push(c.stepKey);
    else plan.remove.push(c.id);
  }
  return plan;
}

export const STEP_STATUS_LABELS: Record<ProgrammeStepStatus, string> = {
  open: "offen",
  inProgress: "in Arbeit",
  done: "erledigt",
  confirmed: "von der Kommune bestätigt",
};

/** Overdue: past its due date and neither done nor confirmed. */
export function isStepOverdue(step: { status: ProgrammeStepStatus; dueDate: string }, today: string): boolean {
  return step.dueDate < today && step.status !== "done" && step.status !== "confirmed";
}

/** Counts of programme steps, grouped by status and due date (`n` steps per group). */
export interface StepTotals {
  steps: number;
  /** done or confirmed */
  finished: number;
  confirmed: number;
  overdue: number;
}

/** The one aggregation of step counts (cockpit figures and matrix totals): all, finished, confirmed, overdue. */
export function programmeStepTotals(groups: { status: ProgrammeStepStatus; dueDate: string; n: number }[], today: string): StepTotals {
  const totals: StepTotals = { steps: 0, finished: 0, confirmed: 0, overdue: 0 };
  for (const g of groups) {
    totals.steps += g.n;
    if (g.status === "done" || g.status === "confirmed") totals.finished += g.n;
    if (g.status === "confirmed") totals.confirmed += g.n;
    if (isStepOverdue(g, today)) totals.overdue += g.n;
  }
  return totals;
}

/** Percent of the checklist done, rounded down; a step without checklist counts by its status. */
export function checklistPercent(step: { checklistDone: number; checklistTotal: number; status: ProgrammeStepStatus }): number {
  if (step.checklistTotal === 0) return step.status === "done" || step.status === "confirmed" ? 100 : 0;
  return Math.floor((Math.min(step.checklistDone, step.checklistTotal) * 100) / step.checklistTotal);
}
