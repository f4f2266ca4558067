import { z } from "zod";
import { RISK_CATEGORIES, type RiskCategory } from "../../../db/schema/projects";
import { parseEuroToCents } from "../../utils/format";
import { germanDateField, optionalGermanDateField } from "../../utils/zod-fields";

export { RISK_CATEGORIES, type RiskCategory };

export const RISK_CATEGORY_LABELS: Record<RiskCategory, string> = {
  qualification: "Personal/Qualifizierung",
  staffShortage: "Personalmangel",
  acceptance: "Akzeptanz/Bürgerakzeptanz",
  crossUnitCooperation: "Referatsübergreifende Zusammenarbeit",
  politicalHeadwind: "Politischer Gegenwind",
  fundingProcedure: "Förderverfahren",
  unforeseenEvents: "Unvorhergesehene Ereignisse",
  technologySecurity: "Technik/IT-Sicherheit",
};

export const LIKELIHOOD_LABELS = ["", "sehr gering", "gering", "mittel", "hoch", "sehr hoch"] as const;
export const IMPACT_LABELS = ["", "sehr gering", "gering", "mittel", "hoch", "sehr hoch"] as const;


const euroAmount = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return 0;
      const cents = parseEuroToCents(value);
      if (cents === null) {
        ctx.addIssue({ code: "custom", message: `${label} ist kein gültiger Betrag (z. B. 12.500,00).` });
        return z.NEVER;
      }
      if (cents < 0) {
        ctx.addIssue({ code: "custom", message: `${label} darf nicht negativ sein.` });
        return z.NEVER;
      }
      return cents;
    });

const id = (message: string) => z.number({ error: message }).int({ error: message }).positive({ error: message });

/** The project form (create and edit); dates are German (TT.MM.JJJJ), amounts German euros. */
export const ProjectSchema = z
  .object({
    title: z
      .string({ error: "Bitte geben Sie einen Projekttitel ein." })
      .trim()
      .min(3, { error: "Der Titel muss mindestens 3 Zeichen lang sein." })
      .max(160, { error: "Der Titel darf höchstens 160 Zeichen lang sein." }),
    description: z
      .string()
      .trim()
      .max(5000, { error: "Die Beschreibung darf höchstens 5.000 Zeichen lang sein." })
      .optional()
      .transform((v) => v ?? ""),
    fieldOfActionId: id("Bitte wählen Sie ein Handlungsfeld."),
    leadUnitId: id("Bitte wählen Sie die federführende Einheit."),
    involvedUnitIds: z.array(z.number().int().positive()).optional().transform((v) => v ?? []),
    goalIds: z.array(z.number().int().positive()).optional().transform((v) => v ?? []),
    projectLeadEmployeeId: z.number().int().positive().optional().transform((v) => v ?? null),
    startDate: optionalGermanDateField("Der Projektbeginn"),
    endDate: optionalGermanDateField("Das Projektende"),
    budgetPlanned: euroAmount("Das geplante Budget"),
    budgetSpent: euroAmount("Das verausgabte Budget"),
    ozgRelevant: z.boolean().optional().transform((v) => v ?? false),
    efaReuse: z.boolean().optional().transform((v) => v ?? false),
    version: z.number().int().positive().optional(),
  })
  .superRefine((p, ctx) => {
    if (p.startDate && p.endDate && p.endDate < p.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "Das Projektende darf nicht vor dem Projektbeginn liegen." });
    }
    if (p.involvedUnitIds.includes(p.leadUnitId)) {
      ctx.addIssue({
        code: "custom",
        path: ["involvedUnitIds"],
        message: "Die federführende Einheit ist bereits beteiligt; wählen Sie hier nur weitere Einheiten.",
      });
    }
  });
export type ProjectInput = z.output<typeof ProjectSchema>;

/** The values a project stores, as the use cases take them (from the form or a CSV row). */
export interface ProjectValues {
  title: string;
  description: string;
  fieldOfActionId: number;
  leadUnitId: number;
  involvedUnitIds: number[];
  goalIds: number[];
  projectLeadEmployeeId: number | null;
  startDate: string | null;
  endDate: string | null;
  budgetPlannedCents: number;
  budgetSpentCents: number;
  ozgRelevant: boolean;
  efaReuse: boolean;
}

export function projectValuesFromForm(input: ProjectInput): ProjectValues {
  return {
    title: input.title,
    description: input.description,
    fieldOfActionId: input.fieldOfActionId,
    leadUnitId: input.leadUnitId,
    involvedUnitIds: [...new Set(input.involvedUnitIds)],
    goalIds: [...new Set(input.goalIds)],
    projectLeadEmployeeId: input.projectLeadEmployeeId,
    startDate: input.startDate,
    endDate: input.endDate,
    budgetPlannedCents: input.budgetPlanned,
    budgetSpentCents: input.budgetSpent,
    ozgRelevant: input.ozgRelevant,
    efaReuse: input.efaReuse,
  };
}

export const MilestoneSchema = z.object({
  title: z
    .string({ error: "Bitte geben Sie den Meilenstein ein." })
    .trim()
    .min(3, { error: "Der Meilenstein muss mindestens 3 Zeichen lang sein." })
    .max(160, { error: "Der Meilenstein darf höchstens 160 Zeichen lang sein." }),
  dueDate: germanDateField("Das Fälligkeitsdatum", "das Fälligkeitsdatum"),
});

/** Moving a milestone: the new (forecast) date; the first planned date is kept by the use case. */
export const MilestoneRescheduleSchema = z.object({
  itemId: z.coerce.number().int().positive(),
  dueDate: germanDateField("Das neue Datum", "das neue Datum"),
});

export const DependencySchema = z.object({
  dependsOnProjectId: id("Bitte wählen Sie das Projekt, von dem dieses Projekt abhängt."),
});

const scale = (label: string) =>
  z
    .number({ error: `Bitte wählen Sie ${label} (1 bis 5).` })
    .int({ error: `Bitte wählen Sie ${label} (1 bis 5).` })
    .min(1, { error: `Bitte wählen Sie ${label} (1 bis 5).` })
    .max(5, { error: `Bitte wählen Sie ${label} (1 bis 5).` });

export const RiskSchema = z.object({
  title: z
    .string({ error: "Bitte beschreiben Sie das Risiko." })
    .trim()
    .min(3, { error: "Die Beschreibung muss mindestens 3 Zeichen lang sein." })
    .max(200, { error: "Die Beschreibung darf höchstens 200 Zeichen lang sein." }),
  category: z.enum(RISK_CATEGORIES, { error: "Bitte wählen Sie eine Kategorie." }),
  likelihood: scale("die Eintrittswahrscheinlichkeit"),
  impact: scale("die Auswirkung"),
  mitigation: z
    .string()
    .trim()
    .max(2000, { error: "Die Maßnahme darf höchstens 2.000 Zeichen lang sein." })
    .optional()
    .transform((v) => v ?? ""),
  ownerEmployeeId: z.number().int().positive().optional().transform((v) => v ?? null),
});
export type RiskInput = z.output<typeof RiskSchema>;

/** Returns true if adding the edge `from needs to` would close a cycle in the dependency graph. */
export function wouldCreateCycle(
  edges: readonly { projectId: number; dependsOnProjectId: number }[],
  from: number,
  to: number,
): boolean {
  if (from === to) return true;
  const needs = new Map<number, number[]>();
  for (const e of edges) needs.set(e.projectId, [...(needs.get(e.projectId) ?? []), e.dependsOnProjectId]);
  // A cycle appears exactly when `from` is already reachable from `to`.
  const seen = new Set<number>();
  const stack = [to];
  while (stack.length) {
    const current = stack.pop()!;
    if (current === from) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    stack.push(...(needs.get(current) ?? []));
  }
  return false;
}

export function isMilestoneOverdue(m: { dueDate: string; doneAt: string | null }, today: string): boolean {
  return m.doneAt === null && m.dueDate < today;
}

/** Risk score = likelihood × impact (1..25) and its traffic-light level. */
export function riskScore(r: { likelihood: number; impact: number }): number {
  return r.likelihood * r.impact;
}

export type RiskLevel = "low" | "medium" | "high";
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = { low: "gering", medium: "mittel", high: "hoch" };

export function riskLevel(score: number): RiskLevel {
  if (score >= 15) return "high";
  if (score >= 8) return "medium";
  return "low";
}

/**
 * The 5×5 risk matrix: rows by impact from 5 (top) to 1, columns by likelihood 1..5; each cell
 * lists the risks placed there.
 */
export function riskMatrix<R extends { likelihood: number; impact: number }>(
  risks: readonly R[],
): { impact: number; cells: { likelihood: number; level: RiskLevel; risks: R[] }[] }[] {
  const rows = [];
  for (let impact = 5; impact >= 1; impact--) {
    const cells = [];
    for (let likelihood = 1; likelihood <= 5; likelihood++) {
      cells.push({
        likelihood,
        level: riskLevel(likelihood * impact),
        risks: risks.filter((r) => r.likelihood === likelihood && r.impact === impact),
      });
    }
    rows.push({ impact, cells });
  }
  return rows;
}

export const PROJECT_SORTS = ["title", "endDate", "budget", "status", "fieldOfAction", "updated"] as const;
export type ProjectSort = (typeof PROJECT_SORTS)[number];
export const PROJECT_SORT_LABELS: Record<ProjectSort, string> = {
  title: "Titel",
  endDate: "Projektende",
  budget: "Budget (geplant)",
  status: "Status",
  fieldOfAction: "Handlungsfeld",
  updated: "Zuletzt geändert",
};

const optionalId = z
  .string()
  .optional()
  .transform((v) => {
    const n = Number(v);
    return v && Number.isSafeInteger(n) && n > 0 ? n : undefined;
  });

/** The list's query string; unknown or malformed values fall back to "no filter" rather than erroring. */
export const ProjectListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  status: z.string().trim().max(40).regex(/^[A-Za-z]+$/).optional().catch(undefined),
  fieldOfAction: optionalId.catch(undefined),
  unit: optionalId.catch(undefined),
  classification: z.enum(["lighthouse", "onTrack", "laggard"]).optional().catch(undefined),
  /** running: not in a final state of its workflow (the dashboard's "Laufende Projekte"); closed: finished or cancelled. */
  phase: z.enum(["running", "closed"]).optional().catch(undefined),
  /** cross: two or more units involved (lead unit, further units, team members' units); single: only the lead unit. */
  cooperation: z.enum(["cross", "single"]).optional().catch(undefined),
  overdue: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on")
    .catch(false),
  /** Only projects with a milestone past due and not done (the dashboard's "Überfällige Meilensteine"). */
  overdueMilestones: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on")
    .catch(false),
  archived: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on")
    .catch(false),
  sort: z.enum(PROJECT_SORTS).optional().catch(undefined).transform((v) => v ?? "title"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined).transform((v) => v ?? "asc"),
  page: z
    .string()
    .optional()
    .transform((v) => Math.max(1, Math.min(10_000, Math.floor(Number(v)) || 1)))
    .catch(1),
});
export type ProjectListQuery = z.output<typeof ProjectListQuerySchema>;

export function parseProjectListQuery(searchParams: URLSearchParams): ProjectListQuery {
  return ProjectListQuerySchema.parse(Object.fromEntries(searchParams));
}

export const PAGE_SIZE = 25;

/** Archived projects are read-only until restored (edit page, project page actions, CSV import). */
export const ARCHIVED_PROJECT_MESSAGE =
  "Das Projekt ist archiviert und kann nicht bearbeitet werden. Holen Sie es zuerst aus dem Archiv (Schaltfläche „Aus dem Archiv holen“ auf der Projektseite).";

export const NOT_OWN_PROJECT_MESSAGE =
  "Als Projektleitung können Sie nur Projekte ändern, die Sie leiten oder in deren Projektteam Sie mitarbeiten.";

/**
 * Who may change a project beyond the `project.edit` permission: a project lead only projects it
 * leads or works on (`people`: lead and team members); CDO, admin, Roll-in-Service and jobs (no role) all.
 */
export function mayChangeAsRole(role: string | null, employeeId: number | null, people: readonly number[]): boolean {
  if (role !== "projectLead") return true;
  return employeeId !== null && people.includes(employeeId);
}
