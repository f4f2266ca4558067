import { type ZodType, z } from "zod";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { ROLE_LABELS, assertCan } from "~/utils/permissions";
import type { Tenant } from "~/utils/tenant.server";
import { DefinitionSchema } from "./definition";
import { definitionVersions, deployDefinition, latestVersion, loadDefinition, registryLookup } from "./definitions.server";
import type { DiagramData } from "./diagram";
import { diagramFor } from "./diagram.server";
import { type EditorForm, type FieldErrors, type ParamCatalog, type ParamField, definitionFromForm, formFieldOf, formFromDefinition } from "./editor-form";
import { effectDefinition, guardDefinition, registeredEffectNames, registeredGuardNames, subjectProvider, type WorkflowCaller } from "./registry.server";
import { validateDefinitionIssues } from "./validate";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
};

/** How a parameter is entered, from its JSON schema; anything the form cannot show plainly is JSON. */
function paramKind(schema: JsonSchema): Pick<ParamField, "kind" | "options"> {
  if (schema.enum?.every((v) => typeof v === "string")) return { kind: "select", options: schema.enum as string[] };
  if (schema.type === "string") return { kind: "text" };
  if (schema.type === "integer" || schema.type === "number") return { kind: "number" };
  if (schema.type === "boolean") return { kind: "boolean" };
  if (schema.type === "array" && schema.items) {
    const items = schema.items;
    if (items.enum?.every((v) => typeof v === "string")) return { kind: "multi", options: items.enum as string[] };
    if (items.type === "string") return { kind: "lines" };
    // A field name, or a field name with its German label: one per line, "feld | Bezeichnung".
    const variants = items.anyOf ?? [];
    const pair = variants.find((v) => v.type === "object");
    const props = Object.values(pair?.properties ?? {});
    if (variants.some((v) => v.type === "string") && props.length === 2 && props.every((p) => p.type === "string")) return { kind: "pairLines" };
  }
  return { kind: "json" };
}

/** German labels of the parameters of the registered guards and effects; an unknown one shows its name. */
const PARAM_LABELS: Record<string, string> = {
  roles: "Rollen",
  role: "Rolle",
  fields: "Pflichtfelder",
  types: "Unterlagenarten",
  transition: "Schritt, den eine andere Person ausgelöst haben muss",
  excludeUsersField: "Datenfeld mit den Bearbeitenden (optional)",
  field: "Datenfeld des Betrags",
  maxCents: "Höchstbetrag in Euro",
  minCents: "Grenze in Euro",
  label: "Bezeichnung",
  message: "Nachricht",
  kind: "Art",
  reportType: "Nachweis",
  key: "Schlüssel",
  from: "Ausgangsdatum (JSON)",
  addMonths: "plus Monate",
  addDays: "plus Tage",
  remindDaysBefore: "Erinnerung Tage vorher",
  assignee: "Person am Gegenstand (JSON)",
  assigneeRole: "Rolle",
};

function paramFields(schema: ZodType, optionLabels: Record<string, string> = {}): ParamField[] {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  } catch {
    return [{ name: "json", kind: "json", required: false, label: "Parameter (JSON)" }];
  }
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const field: ParamField = { name, required: required.has(name), label: PARAM_LABELS[name] ?? name, ...paramKind(p) };
    // Amounts are stored in cents and entered in euros; a transition reference is chosen from the form's steps.
    if (field.kind === "number" && name.endsWith("Cents")) field.kind = "euro";
    if (field.kind === "text" && name === "transition") field.kind = "transition";
    if (field.options) field.optionLabels = Object.fromEntries(field.options.map((o) => [o, optionLabels[o] ?? (ROLE_LABELS as Record<string, string>)[o] ?? o]));
    return field;
  });
}

/** Parameter fields of every registered guard and effect. */
export function paramCatalog(): ParamCatalog {
  return {
    guards: Object.fromEntries(registeredGuardNames().map((n) => [n, paramFields(guardDefinition(n)!.params, guardDefinition(n)!.optionLabels)])),
    effects: Object.fromEntries(registeredEffectNames().map((n) => [n, paramFields(effectDefinition(n)!.params, effectDefinition(n)!.optionLabels)])),
  };
}

/** A diagram of what the form describes so far; states that do not exist are left out of the edges. */
function draftDiagram(input: { key?: unknown; subjectType?: unknown; name?: unknown; states?: unknown; transitions?: unknown }): DiagramData | null {
  // The picture needs only states and arrows: a missing label, role or a bad task is an error for
  // saving, not a reason to hide it. Missing labels show the name.
  type Part = { name?: string; label?: string; kind?: string; from?: string[]; to?: string };
  const list = (v: unknown) => (Array.isArray(v) ? (v as Part[]) : []);
  const states = list(input.states).map((x) => ({ name: x.name, label: x.label || x.name, kind: x.kind }));
  const names = new Set(states.map((x) => x.name));
  const transitions = list(input.transitions)
    .map((t) => ({ name: t.name, label: t.label || t.name, from: (t.from ?? []).filter((f) => names.has(f)), to: t.to, roles: ["admin"] }))
    .filter((t) => names.has(t.to) && t.from.length);
  const parsed = DefinitionSchema.safeParse({ key: input.key, subjectType: input.subjectType, name: input.name || "Entwurf", states, transitions });
  if (!parsed.success || names.size !== states.length) return null;
  try {
    return diagramFor(parsed.data);
  } catch {
    return null;
  }
}

export interface EditorPage {
  key: string;
  name: string;
  subjectType: string;
  subjectLabel: string;
  baseVersion: number;
  nextVersion: number;
  form: EditorForm;
  catalog: ParamCatalog;
  subjectRoles: { value: string; label: string }[];
  /** The registered guards and effects to choose from, with their German names. */
  choices: { guards: { value: string; label: string }[]; effects: { value: string; label: string }[] };
  diagram: DiagramData | null;
  json: string;
}

/** The editor for a new version of `key`, filled with version `version` (the newest when undefined); undefined when unknown. */
export function editorPage(db: DbOrTx, caller: WorkflowCaller, key: string, version?: number): EditorPage | undefined {
  assertCan(caller, "workflow.deploy");
  const versions = definitionVersions(db, caller, key);
  const base = version ?? versions[0];
  const def = versions.includes(base) ? loadDefinition(db, caller, key, base) : undefined;
  if (!def) return undefined;
  const provider = subjectProvider(def.subjectType);
  const catalog = paramCatalog();
  return {
    key,
    name: def.name,
    subjectType: def.subjectType,
    subjectLabel: provider?.label ?? def.subjectType,
    baseVersion: base,
    nextVersion: (latestVersion(db, caller, key) ?? 0) + 1,
    form: formFromDefinition(def, catalog),
    catalog,
    subjectRoles: Object.entries(provider?.subjectRoles ?? {}).map(([value, r]) => ({ value, label: r.label })),
    choices: {
      guards: registeredGuardNames().map((n) => ({ value: n, label: guardDefinition(n)?.label ?? n })),
      effects: registeredEffectNames().map((n) => ({ value: n, label: effectDefinition(n)?.label ?? n })),
    },
    diagram: diagramFor(def),
    json: JSON.stringify(def, null, 2),
  };
}

export interface DraftCheck {
  ok: boolean;
  /** Every problem with its place, German, for the summary above the form. */
  formErrors: string[];
  /** The same problems next to their fields (Conform names). */
  fieldErrors: FieldErrors;
  diagram: DiagramData | null;
  json: string;
}

function fixedOf(db: DbOrTx, tenant: Tenant, key: string): { key: string; subjectType: string } {
  const latest = latestVersion(db, tenant, key);
  const def = latest === undefined ? undefined : loadDefinition(db, tenant, key, latest);
  if (!def) throw new ValidationError({ "": [`Den Ablauf „${key}“ gibt es in Ihrer Kommune nicht.`] });
  return { key, subjectType: def.subjectType };
}

/** Checks a filled-in editor form with the validator of the JSON upload; draws what it can. */
export function checkDraft(db: DbOrTx, caller: WorkflowCaller, key: string, form: EditorForm): DraftCheck {
  assertCan(caller, "workflow.deploy");
  const { input, errors } = definitionFromForm(form, fixedOf(db, caller, key), paramCatalog());
  const result = validateDefinitionIssues(input, registryLookup);
  const fieldErrors: FieldErrors = { ...errors };
  const formErrors = Object.values(errors).flat().length ? ["Einige Eingaben haben nicht das erwartete Format (siehe die markierten Felder)."] : [];
  if (!result.ok) {
    for (const issue of result.issues) {
      formErrors.push(issue.message);
      const field = formFieldOf(issue.path);
      if (field) (fieldErrors[field] ??= []).push(issue.short);
    }
  }
  return {
    ok: formErrors.length === 0,
    formErrors,
    fieldErrors,
    diagram: draftDiagram(input),
    json: JSON.stringify(result.ok ? result.definition : input, null, 2),
  };
}

/**
 * Deploys the form's definition as the next version, through deployDefinition (the path of the
 * JSON upload, with all its checks). A ValidationError carries the check for the form.
 */
export function deployDraft(tx: Tx, caller: WorkflowCaller, key: string, form: EditorForm): { key: string; version: number } {
  const check = checkDraft(tx, caller, key, form);
  if (!check.ok) throw new DraftInvalidError(check);
  try {
    return deployDefinition(tx, caller, check.json);
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new DraftInvalidError({ ...check, ok: false, formErrors: error.fieldErrors.definition ?? [error.message] });
    }
    throw error;
  }
}

/** The form could not be deployed; `check` says why, field by field. */
export class DraftInvalidError extends Error {
  constructor(readonly check: DraftCheck) {
    super("Der Ablauf wurde nicht bereitgestellt.");
    this.name = "DraftInvalidError";
  }
}

/**
 * Pasted JSON into the form: the definition's values for the fields, or German errors. Key and
 * subject type must stay those of the edited definition.
 */
export function formFromJson(db: DbOrTx, caller: WorkflowCaller, key: string, text: string): { form: EditorForm } | { errors: string[] } {
  assertCan(caller, "workflow.deploy");
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { errors: [`Der Text ist kein gültiges JSON (${error instanceof Error ? error.message : String(error)}).`] };
  }
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) {
    const result = validateDefinitionIssues(input, registryLookup);
    return { errors: result.ok ? [] : result.issues.map((i) => i.message) };
  }
  const fixed = fixedOf(db, caller, key);
  if (parsed.data.key !== fixed.key || parsed.data.subjectType !== fixed.subjectType) {
    return { errors: [`Schlüssel und Gegenstand müssen bleiben: „key“: „${fixed.key}“, „subjectType“: „${fixed.subjectType}“.`] };
  }
  return { form: formFromDefinition(parsed.data, paramCatalog()) };
}
