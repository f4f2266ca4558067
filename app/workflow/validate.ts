import type { ZodType, z } from "zod";
import { DefinitionSchema, type WorkflowDefinition } from "./definition";

/** What validation needs to know about the registry: the parameter schema of each known name. */
export interface RegistryLookup {
  guard(name: string): ZodType | undefined;
  effect(name: string): ZodType | undefined;
  /** Transition names a guard's (already parsed) parameters refer to. */
  guardTransitionRefs(name: string, params: unknown): string[];
  /** Subject roles the subject type's area registered; undefined when the type is not registered. */
  subjectRoles?(subjectType: string): string[] | undefined;
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

function zodMessages(input: unknown, error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = pathLabel(input, issue.path);
    return where ? `${where}: ${issue.message}` : issue.message;
  });
}

function duplicates(names: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const n of names) (seen.has(n) ? dup : seen).add(n);
  return [...dup];
}

/**
 * Validates a definition for deployment: the schema, then the rules of a sound process.
 * All messages are German and name the state or transition concerned.
 */
export function validateDefinition(input: unknown, registry: RegistryLookup): ValidationResult {
  const parsed = DefinitionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodMessages(input, parsed.error) };
  const def = parsed.data;
  const errors: string[] = [];
  const stateNames = new Set(def.states.map((s) => s.name));
  const transitionNames = new Set(def.transitions.map((t) => t.name));

  for (const d of duplicates(def.states.map((s) => s.name))) errors.push(`Der Statusname „${d}“ kommt mehrfach vor.`);
  for (const d of duplicates(def.transitions.map((t) => t.name))) errors.push(`Der Übergangsname „${d}“ kommt mehrfach vor.`);

  const initial = def.states.filter((s) => s.kind === "initial");
  if (initial.length !== 1) {
    errors.push(`Ein Ablauf braucht genau einen Startstatus (kind „initial“), gefunden: ${initial.length}.`);
  }
  if (!def.states.some((s) => s.kind === "final")) errors.push("Ein Ablauf braucht mindestens einen Endstatus (kind „final“).");

  for (const t of def.transitions) {
    if (!stateNames.has(t.to)) errors.push(`Der Übergang „${t.name}“ führt zum unbekannten Status „${t.to}“.`);
    for (const f of t.from) {
      if (!stateNames.has(f)) errors.push(`Der Übergang „${t.name}“ beginnt im unbekannten Status „${f}“.`);
    }
    for (const [i, g] of t.guards.entries()) {
      const schema = registry.guard(g.name);
      if (!schema) {
        errors.push(`Der Übergang „${t.name}“ verwendet die unbekannte Bedingung „${g.name}“.`);
        continue;
      }
      const p = schema.safeParse(g.params);
      if (!p.success) {
        errors.push(
          `Der Übergang „${t.name}“, Bedingung ${i + 1} („${g.name}“): ungültige Parameter – ${p.error.issues.map((x) => `${x.path.join(".") || "params"}: ${x.message}`).join("; ")}.`,
        );
        continue;
      }
      // A guard pointing at a transition that does not exist would silently never refuse.
      for (const ref of registry.guardTransitionRefs(g.name, p.data)) {
        if (!transitionNames.has(ref)) {
          errors.push(`Der Übergang „${t.name}“, Bedingung ${i + 1} („${g.name}“) verweist auf den unbekannten Übergang „${ref}“.`);
        }
      }
    }
    for (const [i, e] of t.effects.entries()) {
      const schema = registry.effect(e.name);
      if (!schema) {
        errors.push(`Der Übergang „${t.name}“ verwendet die unbekannte Wirkung „${e.name}“.`);
        continue;
      }
      const p = schema.safeParse(e.params);
      if (!p.success) {
        errors.push(
          `Der Übergang „${t.name}“, Wirkung ${i + 1} („${e.name}“): ungültige Parameter – ${p.error.issues.map((x) => `${x.path.join(".") || "params"}: ${x.message}`).join("; ")}.`,
        );
      }
    }
  }
  for (const s of def.states) {
    for (const d of duplicates(s.deadlines.map((x) => x.key))) errors.push(`Im Status „${s.name}“ kommt die Frist „${d}“ mehrfach vor.`);
  }
  const subjectRoles = registry.subjectRoles?.(def.subjectType);
  for (const s of def.states) {
    for (const t of s.tasks) {
      if (t.assignee && subjectRoles && !subjectRoles.includes(t.assignee.subjectRole)) {
        errors.push(
          `Die Aufgabe „${t.title}“ im Status „${s.name}“ nennt die unbekannte Rolle am Gegenstand „${t.assignee.subjectRole}“${subjectRoles.length ? ` (bekannt: ${subjectRoles.join(", ")})` : ""}.`,
        );
      }
    }
    for (const d of s.deadlines) {
      if (d.assignee && subjectRoles && !subjectRoles.includes(d.assignee.subjectRole)) {
        errors.push(
          `Die Frist „${d.label}“ im Status „${s.name}“ nennt die unbekannte Rolle am Gegenstand „${d.assignee.subjectRole}“${subjectRoles.length ? ` (bekannt: ${subjectRoles.join(", ")})` : ""}.`,
        );
      }
    }
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
    for (const s of def.states) {
      if (!reachable.has(s.name)) errors.push(`Der Status „${s.name}“ („${s.label}“) ist vom Startstatus aus nicht erreichbar.`);
    }
  }
  for (const s of def.states) {
    if (s.kind === "final") continue;
    if (!def.transitions.some((t) => t.from.includes(s.name))) {
      errors.push(`Der Status „${s.name}“ („${s.label}“) ist kein Endstatus, hat aber keinen Übergang, der aus ihm herausführt.`);
    }
  }
  for (const s of def.states) {
    if (s.kind === "final" && def.transitions.some((t) => t.from.includes(s.name))) {
      errors.push(`Der Endstatus „${s.name}“ („${s.label}“) darf keinen ausgehenden Übergang haben.`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, definition: def };
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
