import { z } from "zod";
import { centsToInput, parseEuroToCents } from "~/utils/format";
import type { WorkflowDefinition } from "./definition";

/**
 * The form-based definition editor: the shape of its form, and the two translations between a
 * definition and that form. Pure and browser-safe (the form parses the same schema in the browser
 * for list buttons). What the form produces is checked by the one validator the JSON upload uses.
 */

/** How one parameter of a guard or effect is entered, derived from its registered schema. */
export type ParamKind = "text" | "number" | "euro" | "transition" | "boolean" | "select" | "multi" | "lines" | "pairLines" | "json";

export interface ParamField {
  name: string;
  kind: ParamKind;
  required: boolean;
  /** German label of the input (the parameter name when none is known). */
  label?: string;
  /** For select and multi. */
  options?: string[];
  /** German labels of the options (roles …). */
  optionLabels?: Record<string, string>;
}

/** Parameter fields per registered guard and effect name. */
export interface ParamCatalog {
  guards: Record<string, ParamField[]>;
  effects: Record<string, ParamField[]>;
}

const text = z.string().optional();
const flag = z.boolean().optional();
const list = z.array(z.string()).optional();

const TaskForm = z.object({
  title: text,
  subjectRole: text,
  assigneeRole: text,
  /** Older form of subjectRole; kept as it was, the form does not offer it. */
  assigneeUserField: text,
  dueInDays: text,
  /** Field names, one per line or separated by commas. */
  doneWhen: text,
  sinceEntered: flag,
});

const DeadlineForm = z.object({
  key: text,
  label: text,
  fromKind: z.enum(["field", "enteredState"]).optional(),
  fromField: text,
  addMonths: text,
  addDays: text,
  remindDaysBefore: text,
  subjectRole: text,
  assigneeRole: text,
});

const CallForm = z.object({ name: text, params: z.record(z.string(), z.unknown()).optional() });

const StateForm = z.object({
  name: text,
  label: text,
  kind: text,
  tasks: z.array(TaskForm).optional(),
  deadlines: z.array(DeadlineForm).optional(),
});

const TransitionForm = z.object({
  name: text,
  label: text,
  from: list,
  to: text,
  roles: list,
  requiresComment: flag,
  guards: z.array(CallForm).optional(),
  effects: z.array(CallForm).optional(),
});

/** Lenient on purpose: every value may be missing; the definition validator names what is wrong. */
export const EditorFormSchema = z.object({
  name: text,
  description: text,
  states: z.array(StateForm).optional(),
  transitions: z.array(TransitionForm).optional(),
  json: text,
});
export type EditorForm = z.infer<typeof EditorFormSchema>;
export type StateFormValue = z.infer<typeof StateForm>;
export type TransitionFormValue = z.infer<typeof TransitionForm>;

const str = (n: number | undefined) => (n === undefined ? undefined : String(n));

function paramsToForm(fields: ParamField[] | undefined, params: Record<string, unknown>): Record<string, unknown> {
  if (!fields) return { json: JSON.stringify(params) };
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = params[f.name];
    if (v === undefined) continue;
    if (f.kind === "number") out[f.name] = String(v);
    else if (f.kind === "euro") out[f.name] = typeof v === "number" ? centsToInput(v) : String(v);
    else if (f.kind === "boolean") out[f.name] = v === true;
    else if (f.kind === "multi") out[f.name] = Array.isArray(v) ? v.map(String) : [];
    else if (f.kind === "lines") out[f.name] = Array.isArray(v) ? v.join("\n") : String(v);
    else if (f.kind === "pairLines") {
      out[f.name] = Array.isArray(v)
        ? v.map((x) => (x && typeof x === "object" ? Object.values(x as Record<string, unknown>).join(" | ") : String(x))).join("\n")
        : "";
    } else if (f.kind === "json") out[f.name] = JSON.stringify(v);
    else out[f.name] = String(v);
  }
  return out;
}

/** The form values that show a definition (for editing it as a new version). */
export function formFromDefinition(def: WorkflowDefinition, catalog: ParamCatalog): EditorForm {
  return {
    name: def.name,
    description: def.description || undefined,
    states: def.states.map((s) => ({
      name: s.name,
      label: s.label,
      kind: s.kind,
      tasks: s.tasks.map((t) => ({
        title: t.title,
        subjectRole: t.assignee?.subjectRole,
        assigneeRole: t.assigneeRole,
        assigneeUserField: t.assigneeUserField,
        dueInDays: str(t.dueInDays),
        doneWhen: t.doneWhen.map((d) => d.field).join(", ") || undefined,
        sinceEntered: t.doneWhen.some((d) => d.sinceEntered),
      })),
      deadlines: s.deadlines.map((d) => ({
        key: d.key,
        label: d.label,
        fromKind: "field" in d.from ? "field" : "enteredState",
        fromField: "field" in d.from ? d.from.field : undefined,
        addMonths: str(d.addMonths),
        addDays: str(d.addDays),
        remindDaysBefore: str(d.remindDaysBefore),
        subjectRole: d.assignee?.subjectRole,
        assigneeRole: d.assigneeRole,
      })),
    })),
    transitions: def.transitions.map((t) => ({
      name: t.name,
      label: t.label,
      from: t.from,
      to: t.to,
      roles: t.roles,
      requiresComment: t.requiresComment,
      guards: t.guards.map((g) => ({ name: g.name, params: paramsToForm(catalog.guards[g.name], g.params) })),
      effects: t.effects.map((e) => ({ name: e.name, params: paramsToForm(catalog.effects[e.name], e.params) })),
    })),
  };
}

export type FieldErrors = Record<string, string[]>;

function addError(errors: FieldErrors, name: string, message: string) {
  (errors[name] ??= []).push(message);
}

const INTEGER = /^-?\d+$/;

/** A whole number from a form field; undefined when empty; an error next to the field otherwise. */
function integer(value: string | undefined, name: string, errors: FieldErrors): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (!INTEGER.test(v)) {
    addError(errors, name, "Bitte geben Sie eine ganze Zahl ein.");
    return undefined;
  }
  return Number(v);
}

const blank = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function asStrings(v: unknown): string[] {
  if (v === undefined || v === null || v === "") return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function paramsFromForm(fields: ParamField[] | undefined, raw: Record<string, unknown> | undefined, name: string, errors: FieldErrors) {
  const values = raw ?? {};
  const parseJson = (text: string, field: string) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      addError(errors, field, "Das ist kein gültiges JSON.");
      return undefined;
    }
  };
  // An unregistered name keeps its parameters as JSON; the validator then names the unknown building block.
  if (!fields) {
    const json = asStrings(values.json)[0];
    return json?.trim() ? parseJson(json, `${name}.json`) : {};
  }
  const params: Record<string, unknown> = {};
  for (const f of fields) {
    const field = `${name}.${f.name}`;
    const v = values[f.name];
    const s = asStrings(v)[0]?.trim() ?? "";
    switch (f.kind) {
      case "boolean":
        if (v === true || v === "on") params[f.name] = true;
        break;
      case "multi":
        if (asStrings(v).length) params[f.name] = asStrings(v);
        break;
      case "number": {
        const n = integer(s, field, errors);
        if (n !== undefined) params[f.name] = n;
        break;
      }
      case "euro": {
        if (!s) break;
        const cents = parseEuroToCents(s);
        if (cents === null) addError(errors, field, "Bitte geben Sie einen Betrag in Euro ein, z. B. 100.000,00.");
        else params[f.name] = cents;
        break;
      }
      case "lines": {
        const lines = s.split(/\r?\n|,/).map((x) => x.trim()).filter(Boolean);
        if (lines.length) params[f.name] = lines;
        break;
      }
      case "pairLines": {
        const lines = s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);
        if (lines.length) {
          params[f.name] = lines.map((line) => {
            const [key, ...rest] = line.split("|").map((x) => x.trim());
            const label = rest.join(" | ");
            return label ? { field: key, label } : key;
          });
        }
        break;
      }
      case "json":
        if (s) {
          const parsed = parseJson(s, field);
          if (parsed !== undefined) params[f.name] = parsed;
        }
        break;
      default:
        if (s) params[f.name] = s;
    }
  }
  return params;
}

/**
 * The definition a filled-in form describes, plus German errors for values the form itself can
 * tell are wrong (a number field with text). Key and subject type come from the edited version.
 */
export function definitionFromForm(
  form: EditorForm,
  fixed: { key: string; subjectType: string },
  catalog: ParamCatalog,
): { input: Record<string, unknown>; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const states = (form.states ?? []).map((s, i) => {
    const at = `states[${i}]`;
    return {
      name: blank(s.name),
      label: blank(s.label),
      kind: blank(s.kind),
      tasks: (s.tasks ?? []).map((t, j) => {
        const tp = `${at}.tasks[${j}]`;
        const doneWhen = (t.doneWhen ?? "").split(/\r?\n|,/).map((x) => x.trim()).filter(Boolean);
        return {
          title: blank(t.title),
          ...(blank(t.subjectRole) ? { assignee: { subjectRole: blank(t.subjectRole) } } : {}),
          ...(blank(t.assigneeRole) ? { assigneeRole: blank(t.assigneeRole) } : {}),
          ...(blank(t.assigneeUserField) ? { assigneeUserField: blank(t.assigneeUserField) } : {}),
          ...(integer(t.dueInDays, `${tp}.dueInDays`, errors) !== undefined ? { dueInDays: Number(t.dueInDays) } : {}),
          doneWhen: doneWhen.map((field) => ({ field, sinceEntered: t.sinceEntered === true })),
        };
      }),
      deadlines: (s.deadlines ?? []).map((d, k) => {
        const dp = `${at}.deadlines[${k}]`;
        const numbers = {
          addMonths: integer(d.addMonths, `${dp}.addMonths`, errors),
          addDays: integer(d.addDays, `${dp}.addDays`, errors),
          remindDaysBefore: integer(d.remindDaysBefore, `${dp}.remindDaysBefore`, errors),
        };
        if ((d.fromKind ?? "field") === "field" && !blank(d.fromField)) {
          addError(errors, `${dp}.fromField`, "Bitte geben Sie das Datenfeld an, nach dem sich die Frist richtet.");
        }
        return {
          key: blank(d.key),
          label: blank(d.label),
          from: d.fromKind === "enteredState" ? { enteredState: true } : { field: blank(d.fromField) ?? "" },
          ...Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)),
          ...(blank(d.subjectRole) ? { assignee: { subjectRole: blank(d.subjectRole) } } : {}),
          ...(blank(d.assigneeRole) ? { assigneeRole: blank(d.assigneeRole) } : {}),
        };
      }),
    };
  });
  const transitions = (form.transitions ?? []).map((t, i) => {
    const at = `transitions[${i}]`;
    const calls = (kind: "guards" | "effects") =>
      (t[kind] ?? []).map((c, g) => {
        const name = blank(c.name);
        const fields = name ? catalog[kind][name] : undefined;
        return { name: name ?? "", params: paramsFromForm(fields, c.params, `${at}.${kind}[${g}].params`, errors) ?? {} };
      });
    return {
      name: blank(t.name),
      label: blank(t.label),
      from: (t.from ?? []).filter(Boolean),
      to: blank(t.to),
      roles: (t.roles ?? []).filter(Boolean),
      guards: calls("guards"),
      effects: calls("effects"),
      requiresComment: t.requiresComment === true,
    };
  });
  return {
    input: { key: fixed.key, name: blank(form.name), description: form.description?.trim() ?? "", subjectType: fixed.subjectType, states, transitions },
    errors,
  };
}

/**
 * The form field a validation issue of the definition belongs to: the definition's path turned
 * into the form's names (e.g. tasks[0].assignee.subjectRole → tasks[0].subjectRole).
 */
export function formFieldOf(path: readonly PropertyKey[]): string {
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const parent = path[i - 1];
    if (typeof key === "number") {
      // Positions inside a value list (from, roles, doneWhen) belong to the list's field.
      if (parent === "from" || parent === "roles" || parent === "doneWhen") break;
      parts[parts.length - 1] += `[${key}]`;
      continue;
    }
    if (key === "assignee") {
      parts.push("subjectRole");
      break;
    }
    if (key === "from" && path[i - 2] === "deadlines") {
      parts.push("fromField");
      break;
    }
    parts.push(String(key));
    if (key === "doneWhen") break;
  }
  return parts.join(".");
}

const LISTS = new Set(["states", "transitions", "tasks", "deadlines", "guards", "effects"]);
const STEP = /^([a-z]+)(?:\[(\d+)\])?$/;

/** A new, empty entry of a list; a new state is a step of work ("active") until the author says otherwise. */
function emptyEntry(list: string): Record<string, unknown> {
  if (list === "states") return { kind: "active", tasks: [], deadlines: [] };
  if (list === "transitions") return { from: [], roles: [], guards: [], effects: [] };
  if (list === "deadlines") return { fromKind: "field" };
  return {};
}

/**
 * The form after one of its list buttons: "add:states", "add:transitions[1].guards",
 * "remove:states[0].tasks[2]". Undefined for anything else, so a forged intent changes nothing.
 */
export function applyEditIntent(form: EditorForm, intent: string): EditorForm | undefined {
  const m = /^(add|remove):(.+)$/.exec(intent);
  if (!m) return undefined;
  const steps = m[2].split(".").map((part) => STEP.exec(part));
  if (steps.some((s) => !s || !LISTS.has(s[1]))) return undefined;
  const next = structuredClone(form) as Record<string, unknown>;
  let node: Record<string, unknown> = next;
  for (const [i, step] of steps.entries()) {
    const [, list, index] = step!;
    const items = Array.isArray(node[list]) ? (node[list] as Record<string, unknown>[]) : [];
    node[list] = items;
    const last = i === steps.length - 1;
    if (last && m[1] === "add" && index === undefined) {
      items.push(emptyEntry(list));
      return next as EditorForm;
    }
    if (index === undefined || Number(index) >= items.length) return undefined;
    if (last && m[1] === "remove") {
      items.splice(Number(index), 1);
      return next as EditorForm;
    }
    node = items[Number(index)];
  }
  return undefined;
}
