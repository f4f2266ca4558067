import type { ZodType, z } from "zod";
import { type SubjectRequirement, contractIssues } from "./contract";
import { DefinitionSchema, type WorkflowDefinition } from "./definition";

/** What validation needs to know about the registry: the parameter schema of each known name. */
export interface RegistryLookup {
  guard(name: string): ZodType | undefined;
  effect(name: string): ZodType | undefined;
  /** Transition names a guard's (already parsed) parameters refer to. */
  guardTransitionRefs(name: string, params: unknown): string[];
  /** Subject roles the subject type's area registered; undefined when the type is not registered. */
  subjectRoles?(subjectType: string): string[] | undefined;
  /** What the subject type's area relies on, with the subject's German label; undefined when the type is not registered. */
  subjectContract?(subjectType: string): { label: string; requires: readonly SubjectRequirement[] } | undefined;
  /** German name of a registered guard or effect, for messages. */
  callLabel?(kind: "guard" | "effect", name: string): string | undefined;
}

export type ValidationResult = { ok: true; definition: WorkflowDefinition } | { ok: false, errors: string[] };

function pathLabel(def: unknown, path: PropertyKey[]): string {
  // Turn ["states", 2, "label"] into "Status 3 („planned“), Feld „label“" so authors find the spot.
  const parts: string[] = [];
  let node: unknown = def;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    if (typeof key === "number") {
      const parent = path[i - 1];
      const name = node && typeof node === "object" ? (node as { name?: unknown }).name : undefined;
      const noun =
        parent === "states" ? "Status" : parent === "transitions" ? "Übergang" : parent === "guards" ? "Bedingung"
        : parent === "effects" ? "Wirkung" : parent === "tasks" ? "Aufgabe" : parent === "deadlines" ? "Frist" : "Eintrag";
      parts.push(typeof name === "string" ? `${noun} ${key + 1} („${name}“)` : `${noun} ${key + 1}`);
    } else if (!["states", "transitions", "guards", "effects", "tasks", "deadlines"].includes(String(key))) {
      parts.push(`Feld „${String(key)}“`);
    }
  }
  return parts.join(", ");
}

/** One problem and where it is: `path` into the definition; `message` names the place, `short` is for next to the field. */
export interface ValidationIssue {
  path: PropertyKey[];
  message: string;
  short: string;
}

function zodIssues(input: unknown, error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => {
    const where = pathLabel(input, issue.path);
    return { path: issue.path, message: where ? `${where}: ${issue.message}` : issue.message, short: issue.message };
  });
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return [...dup];
}

const paramText = (issues: z.core.$ZodIssue[]) => issues.map((x) => `${x.path.join(".") || "params"}: ${x.message}`).join("; ");

/**
 * Validates a definition for deployment: the schema, then the rules of a sound process.
 * All messages are German and name the state or transition concerned.
 */
export function validateDefinition(input: unknown, registry: RegistryLookup): ValidationResult {
  const result = validateDefinitionIssues(input, registry);
  return result.ok ? result : { ok: false, errors: result.issues.map((i) => i.message) };
}

/** validateDefinition with the place of every problem, for a form that shows it next to the field. */
export function validateDefinitionIssues(
  input: unknown,
  registry: RegistryLookup,
): { ok: true; definition: WorkflowDefinition } | { ok: false; issues: ValidationIssue[] } {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: zodIssues(input, parsed.error) };
  const def = parsed.data;
  const issues: ValidationIssue[] = [];
  const add = (message: string, path: PropertyKey[] = [], short = message) => issues.push({ path, message, short });
  const stateNames = new Set(def.states.map((s) => s.name));
  const transitionNames = new Set(def.transitions.map((t) => t.name));

  for (const d of duplicates(def.states.map((s) => s.name))) {
    add(`Der Statusname „${d}“ kommt mehrfach vor.`, ["states", def.states.map((s) => s.name).lastIndexOf(d), "name"], "Dieser Name kommt mehrfach vor.");
  }
  for (const d of duplicates(def.transitions.map((t) => t.name))) {
    add(`Der Übergangsname „${d}“ kommt mehrfach vor.`, ["transitions", def.transitions.map((t) => t.name).lastIndexOf(d), "name"], "Dieser Name kommt mehrfach vor.");
  }

  const initial = def.states.filter((s) => s.kind === "initial");
  if (initial.length !== 1) add(`Ein Ablauf braucht genau einen Startstatus (kind „initial“), gefunden: ${initial.length}.`, ["states"]);
  if (!def.states.some((s) => s.kind === "final")) add("Ein Ablauf braucht mindestens einen Endstatus (kind „final“).", ["states"]);

  for (const [ti, t] of def.transitions.entries()) {
    const at = ["transitions", ti];
    if (!stateNames.has(t.to)) add(`Der Übergang „${t.name}“ führt zum unbekannten Status „${t.to}“.`, [...at, "to"], `Den Status „${t.to}“ gibt es nicht.`);
    for (const f of t.from) {
      if (!stateNames.has(f)) add(`Der Übergang „${t.name}“ beginnt im unbekannten Status „${f}“.`, [...at, "from"], `Den Status „${f}“ gibt es nicht.`);
    }
    for (const [i, g] of t.guards.entries()) {
      const where = [...at, "guards", i];
      const schema = registry.guard(g.name);
      if (!schema) {
        add(`Der Übergang „${t.name}“ verwendet die unbekannte Bedingung „${g.name}“.`, [...where, "name"], `Unbekannte Bedingung „${g.name}“.`);
        continue;
      }
      const p = schema.safeParse(g.params);
      if (!p.success) {
        add(
          `Der Übergang „${t.name}“, Bedingung ${i + 1} („${g.name}“): ungültige Parameter – ${paramText(p.error.issues)}.`,
          [...where, "params", ...p.error.issues[0].path.slice(0, 1)],
          `Ungültige Parameter – ${paramText(p.error.issues)}.`,
        );
        continue;
      }
      // A guard pointing at a transition that does not exist would silently never refuse.
      for (const ref of registry.guardTransitionRefs(g.name, p.data)) {
        if (!transitionNames.has(ref)) {
          add(
            `Der Übergang „${t.name}“, Bedingung ${i + 1} („${g.name}“) verweist auf den unbekannten Übergang „${ref}“.`,
            [...where, "params"],
            `Den Übergang „${ref}“ gibt es nicht.`,
          );
        }
      }
    }
    for (const [i, e] of t.effects.entries()) {
      const where = [...at, "effects", i];
      const schema = registry.effect(e.name);
      if (!schema) {
        add(`Der Übergang „${t.name}“ verwendet die unbekannte Wirkung „${e.name}“.`, [...where, "name"], `Unbekannte Wirkung „${e.name}“.`);
        continue;
      }
      const p = schema.safeParse(e.params);
      if (!p.success) {
        add(
          `Der Übergang „${t.name}“, Wirkung ${i + 1} („${e.name}“): ungültige Parameter – ${paramText(p.error.issues)}.`,
          [...where, "params", ...p.error.issues[0].path.slice(0, 1)],
          `Ungültige Parameter – ${paramText(p.error.issues)}.`,
        );
      }
    }
  }
  for (const [si, s] of def.states.entries()) {
    for (const d of duplicates(s.deadlines.map((x) => x.key))) {
      add(`Im Status „${s.name}“ kommt die Frist „${d}“ mehrfach vor.`, ["states", si, "deadlines", s.deadlines.map((x) => x.key).lastIndexOf(d), "key"], "Dieser Schlüssel kommt in diesem Status mehrfach vor.");
    }
  }
  const subjectRoles = registry.subjectRoles?.(def.subjectType);
  const known = subjectRoles?.length ? ` (bekannt: ${subjectRoles.join(", ")})` : "";
  for (const [si, s] of def.states.entries()) {
    for (const [i, t] of s.tasks.entries()) {
      if (t.assignee && subjectRoles && !subjectRoles.includes(t.assignee.subjectRole)) {
        add(
          `Die Aufgabe „${t.title}“ im Status „${s.name}“ nennt die unbekannte Rolle am Gegenstand „${t.assignee.subjectRole}“${known}.`,
          ["states", si, "tasks", i, "assignee", "subjectRole"],
          `Unbekannte Rolle am Gegenstand „${t.assignee.subjectRole}“${known}.`,
        );
      }
    }
    for (const [i, d] of s.deadlines.entries()) {
      if (d.assignee && subjectRoles && !subjectRoles.includes(d.assignee.subjectRole)) {
        add(
          `Die Frist „${d.label}“ im Status „${s.name}“ nennt die unbekannte Rolle am Gegenstand „${d.assignee.subjectRole}“${known}.`,
          ["states", si, "deadlines", i, "assignee", "subjectRole"],
          `Unbekannte Rolle am Gegenstand „${d.assignee.subjectRole}“${known}.`,
        );
      }
    }
  }

  // The area's code names states and fires steps of its definition: a version without them would
  // break the area at run time, so it is refused here.
  const contract = registry.subjectContract?.(def.subjectType);
  if (contract) {
    for (const issue of contractIssues(def, contract.requires, contract.label, registry.callLabel)) add(issue.message, issue.path);
  }

  if (initial.length === 1) {
    const reachable = new Set<string>([initial[0].name]);
    const queue = [initial[0].name];
    while (queue.length) {
      const current = queue.shift()!;
      for (const t of def.transitions) {
        if (t.from.includes(current) && stateNames.has(t.to) && !reachable.has(t.to)) {
          reachable.add(t.to);
          queue.push(t.to);
        }
      }
    }
    for (const [si, s] of def.states.entries()) {
      if (!reachable.has(s.name)) {
        add(`Der Status „${s.name}“ („${s.label}“) ist vom Startstatus aus nicht erreichbar.`, ["states", si], "Dieser Status ist vom Startstatus aus nicht erreichbar.");
      }
    }
  }
  for (const [si, s] of def.states.entries()) {
    if (s.kind !== "final" && !def.transitions.some((t) => t.from.includes(s.name))) {
      add(
        `Der Status „${s.name}“ („${s.label}“) ist kein Endstatus, hat aber keinen Übergang, der aus ihm herausführt.`,
        ["states", si],
        "Dieser Status ist kein Endstatus, hat aber keinen Übergang, der aus ihm herausführt.",
      );
    }
  }
  for (const [si, s] of def.states.entries()) {
    if (s.kind === "final" && def.transitions.some((t) => t.from.includes(s.name))) {
      add(`Der Endstatus „${s.name}“ („${s.label}“) darf keinen ausgehenden Übergang haben.`, ["states", si], "Ein Endstatus darf keinen ausgehenden Übergang haben.");
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, definition: def };
}

/** Parses pasted or uploaded JSON text, then validates it. */
export function validateDefinitionJson(text: string, registry: RegistryLookup): ValidationResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [`Der Text ist kein gültiges JSON (${detail}).`] };
  }
  return validateDefinition(input, registry);
}
