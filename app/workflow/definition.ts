import { z } from "zod";
import { ROLES } from "../../db/schema/org";
import { STATE_KINDS } from "./state-kinds";

/**
 * The format of a workflow definition (Ablauf). Definitions are data: the engine validates them
 * with these schemas, and guards/effects are referenced by registered name with parameters.
 */

const identifier = z
  .string({ error: "Ein Name fehlt." })
  .regex(/^[a-z][A-Za-z0-9]*$/, { error: "Namen sind camelCase-Bezeichner aus Buchstaben und Ziffern, z. B. „inUmsetzung“." });
const label = z.string({ error: "Eine Bezeichnung fehlt." }).trim().min(1, { error: "Die Bezeichnung darf nicht leer sein." });
const role = z.enum(ROLES, { error: `Unbekannte Rolle. Erlaubt sind: ${ROLES.join(", ")}.` });

export { STATE_KINDS, STATE_KIND_LABELS, type StateKind } from "./state-kinds";

/** A call of a registered guard or effect with its parameters. */
export const RegistryCallSchema = z.object({
  name: z.string({ error: "Der Name der Bedingung bzw. Wirkung fehlt." }).min(1),
  params: z.record(z.string(), z.unknown()).default({}),
});
export type RegistryCall = z.infer<typeof RegistryCallSchema>;

/** A person named by the subject (the project's lead, the application's author), resolved by the area. */
export const SubjectAssigneeSchema = z.object({ subjectRole: identifier });

/** Deadline date = a date field of the subject (or the day the state was entered) plus an offset. */
export const DeadlineSpecSchema = z.object({
  key: identifier,
  label,
  from: z.union([z.object({ field: z.string().min(1) }), z.object({ enteredState: z.literal(true) })], {
    error: "„from“ muss { \"field\": \"…\" } oder { \"enteredState\": true } sein.",
  }),
  addMonths: z.number().int().min(0).max(240).default(0),
  addDays: z.number().int().min(-365).max(3650).default(0),
  remindDaysBefore: z.number().int().min(0).max(365).default(7),
  /** Reminders go to the person in this subject role; to `assigneeRole` (default CDO) only while nobody holds it. */
  assignee: SubjectAssigneeSchema.optional(),
  assigneeRole: role.optional(),
});
export type DeadlineSpec = z.infer<typeof DeadlineSpecSchema>;

/** The task is done as soon as the subject's field is set (and, with sinceEntered, set after the state was entered). */
export const DoneWhenSchema = z.object({ field: z.string().min(1), sinceEntered: z.boolean().default(false) });

/**
 * A task created when an instance enters a state: for the person in a subject role (`assignee`)
 * or a subject field, with `assigneeRole` as the fallback when that person has no account; or for a role.
 */
export const TaskSpecSchema = z
  .object({
    title: label,
    assigneeRole: role.optional(),
    assignee: SubjectAssigneeSchema.optional(),
    /** Name of a subject data field holding a user id (older form of `assignee`). */
    assigneeUserField: z.string().min(1).optional(),
    dueInDays: z.number().int().min(0).max(3650).optional(),
    doneWhen: z.array(DoneWhenSchema).default([]),
  })
  .refine((t) => t.assigneeRole !== undefined || t.assigneeUserField !== undefined || t.assignee !== undefined, {
    error: "Eine Aufgabe braucht eine Rolle (assigneeRole), eine Rolle am Gegenstand (assignee.subjectRole) oder ein Personenfeld (assigneeUserField).",
  });
export type TaskSpec = z.infer<typeof TaskSpecSchema>;

export const StateSchema = z.object({
  name: identifier,
  label,
  kind: z.enum(STATE_KINDS, { error: `Unbekannte Art des Status. Erlaubt sind: ${STATE_KINDS.join(", ")}.` }),
  tasks: z.array(TaskSpecSchema).default([]),
  deadlines: z.array(DeadlineSpecSchema).default([]),
});
export type WorkflowState = z.infer<typeof StateSchema>;

export const TransitionSchema = z.object({
  name: identifier,
  label,
  from: z.array(identifier).min(1, { error: "Ein Übergang braucht mindestens einen Ausgangsstatus." }),
  to: identifier,
  roles: z.array(role).min(1, { error: "Ein Übergang braucht mindestens eine Rolle, die ihn auslösen darf." }),
  guards: z.array(RegistryCallSchema).default([]),
  effects: z.array(RegistryCallSchema).default([]),
  requiresComment: z.boolean().default(false),
});
export type WorkflowTransition = z.infer<typeof TransitionSchema>;

export const DefinitionSchema = z.object({
  key: identifier,
  name: label,
  description: z.string().default(""),
  subjectType: identifier,
  states: z.array(StateSchema).min(2, { error: "Ein Ablauf braucht mindestens zwei Status." }),
  transitions: z.array(TransitionSchema).min(1, { error: "Ein Ablauf braucht mindestens einen Übergang." }),
});
export type WorkflowDefinition = z.infer<typeof DefinitionSchema>;
/** The authoring form (defaults may be left out). */
export type WorkflowDefinitionInput = z.input<typeof DefinitionSchema>;

export function stateOf(def: WorkflowDefinition, name: string): WorkflowState | undefined {
  return def.states.find((s) => s.name === name);
}

export function initialState(def: WorkflowDefinition): WorkflowState {
  const s = def.states.find((st) => st.kind === "initial");
  if (!s) throw new Error(`definition ${def.key} has no initial state`);
  return s;
}

export function transitionOf(def: WorkflowDefinition, name: string): WorkflowTransition | undefined {
  return def.transitions.find((t) => t.name === name);
}

/** Transitions leaving a state, in definition order. */
export function transitionsFrom(def: WorkflowDefinition, state: string): WorkflowTransition[] {
  return def.transitions.filter((t) => t.from.includes(state));
}
