import type { WorkflowDefinition } from "./definition";

/**
 * A subject's contract with its definitions: what the area's code relies on, declared by the area
 * when it registers the subject (`requires`). The engine checks it generically at deploy time and
 * knows nothing of what the names mean.
 */

/** A step the area fires itself or relies on: it must exist, start in (at least) `from`, lead to `to`, and keep the named guards and effects. */
export interface TransitionRequirement {
  name: string;
  from?: readonly string[];
  to?: string;
  guards?: readonly string[];
  effects?: readonly string[];
}

/** One part of a contract, with the German reason shown when a definition lacks it. */
export interface SubjectRequirement {
  /** German, a full sentence: why the area needs it, e.g. "Anmeldungen sind nur in diesem Status möglich." */
  reason: string;
  /** State names the area's code refers to. */
  states?: readonly string[];
  transitions?: readonly TransitionRequirement[];
}

export interface ContractIssue {
  /** Into the definition: ["states"], ["transitions"] or ["transitions", i, "from" | "to"]. */
  path: PropertyKey[];
  message: string;
}

const quoted = (names: readonly string[]) => names.map((n) => `„${n}“`).join(", ");

/**
 * The German problems of `def` against the contract; empty when it keeps everything. `subjectLabel`
 * names the subject ("Förderantrag"), `callLabel` the German name of a guard or effect.
 */
export function contractIssues(
  def: WorkflowDefinition,
  requirements: readonly SubjectRequirement[],
  subjectLabel: string,
  callLabel: (kind: "guard" | "effect", name: string) => string | undefined = () => undefined,
): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const stateNames = new Set(def.states.map((s) => s.name));
  const needs = (what: string, reason: string) => `${what}; Vorgänge vom Typ „${subjectLabel}“ brauchen ${reason}`;
  for (const req of requirements) {
    const missing = (req.states ?? []).filter((s) => !stateNames.has(s));
    if (missing.length === 1) issues.push({ path: ["states"], message: needs(`Der Status „${missing[0]}“ fehlt`, `ihn: ${req.reason}`) });
    if (missing.length > 1) issues.push({ path: ["states"], message: needs(`Die Status ${quoted(missing)} fehlen`, `sie: ${req.reason}`) });
    for (const wanted of req.transitions ?? []) {
      const index = def.transitions.findIndex((t) => t.name === wanted.name);
      if (index < 0) {
        const route = [wanted.from?.length ? `von ${quoted(wanted.from)}` : "", wanted.to ? `nach „${wanted.to}“` : ""].filter(Boolean).join(" ");
        issues.push({ path: ["transitions"], message: needs(`Der Übergang „${wanted.name}“${route ? ` (${route})` : ""} fehlt`, `ihn: ${req.reason}`) });
        continue;
      }
      const t = def.transitions[index];
      const at = ["transitions", index];
      const notFrom = (wanted.from ?? []).filter((s) => !t.from.includes(s));
      if (notFrom.length) {
        const states = notFrom.length === 1 ? `im Status ${quoted(notFrom)}` : `in den Status ${quoted(notFrom)}`;
        issues.push({ path: [...at, "from"], message: needs(`Der Übergang „${t.name}“ muss auch ${states} beginnen`, `das: ${req.reason}`) });
      }
      if (wanted.to && t.to !== wanted.to) {
        issues.push({ path: [...at, "to"], message: needs(`Der Übergang „${t.name}“ muss zum Status „${wanted.to}“ führen, nicht zu „${t.to}“`, `das: ${req.reason}`) });
      }
      for (const [kind, noun, wantedCalls, calls] of [
        ["guard", "die Bedingung", wanted.guards, t.guards],
        ["effect", "die Wirkung", wanted.effects, t.effects],
      ] as const) {
        for (const name of wantedCalls ?? []) {
          if (calls.some((c) => c.name === name)) continue;
          const label = callLabel(kind, name);
          issues.push({ path: at, message: needs(`Der Übergang „${t.name}“ muss ${noun} „${label ?? name}“${label ? ` (${name})` : ""} behalten`, `sie: ${req.reason}`) });
        }
      }
    }
  }
  return issues;
}
