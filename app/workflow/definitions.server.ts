import { and, count, desc, eq, max } from "drizzle-orm";
import { type Role, users } from "../../db/schema/org";
import { workflowDefinitions, workflowInstances } from "../../db/schema/workflow";
import { writeAudit } from "~/utils/audit.server";
import type { DbOrTx, Tx } from "~/utils/db.server";
import { ValidationError } from "~/utils/errors";
import { type Tenant, scoped, tenantRow } from "~/utils/tenant.server";
import { DefinitionSchema, type WorkflowDefinition } from "./definition";
import { BUILT_IN_DEFINITIONS, BUILT_IN_VERSION, builtInDefinition } from "./definitions";
import { type WorkflowCaller, effectDefinition, guardDefinition, registeredEffectNames, registeredGuardNames, subjectProvider } from "./registry.server";
import { statements } from "./statements.server";
import { type RegistryLookup, validateDefinitionJson } from "./validate";
import { ROLE_LABELS, assertCan } from "~/utils/permissions";
import type { AssigneeSpec } from "./assignees.server";
import { BoundedCache } from "~/utils/bounded-cache";

export const registryLookup: RegistryLookup = {
  guard: (name) => guardDefinition(name)?.params,
  effect: (name) => effectDefinition(name)?.params,
  guardTransitionRefs: (name, params) => guardDefinition(name)?.transitionRefs?.(params) ?? [],
  subjectRoles: (subjectType) => {
    const provider = subjectProvider(subjectType);
    return provider ? Object.keys(provider.subjectRoles ?? {}) : undefined;
  },
  subjectContract: (subjectType) => {
    const provider = subjectProvider(subjectType);
    return provider && { label: provider.label, requires: provider.requires ?? [] };
  },
  callLabel: (kind, name) => (kind === "guard" ? guardDefinition(name) : effectDefinition(name))?.label,
};

// Deployed rows are immutable, so a parsed definition can be cached by its JSON text. Bounded like
// every module-level cache: each Kommune's deployments add versions over the years.
const parsedCache = new BoundedCache<string, WorkflowDefinition>(200);

function parseStored(text: string): WorkflowDefinition {
  let def = parsedCache.get(text);
  if (!def) {
    def = DefinitionSchema.parse(JSON.parse(text));
    parsedCache.set(text, def);
  }
  return def;
}

/** The definition an instance is pinned to: built-in version 1 or a version the Kommune deployed. */
export function loadDefinition(_db: DbOrTx, tenant: Tenant, key: string, version: number): WorkflowDefinition | undefined {
  const builtIn = version === BUILT_IN_VERSION ? builtInDefinition(key) : undefined;
  if (builtIn) return builtIn;
  const row = statements().definitionText.get({ municipalityId: tenant.municipalityId, key, version });
  return row ? parseStored(row.definition) : undefined;
}

/** The stored text of a version (a built-in's JSON), for digests that must change when the definition does. */
export function storedDefinitionText(_db: DbOrTx, tenant: Tenant, key: string, version: number): string | null {
  const builtIn = version === BUILT_IN_VERSION ? builtInDefinition(key) : undefined;
  if (builtIn) return JSON.stringify(builtIn);
  return statements().definitionText.get({ municipalityId: tenant.municipalityId, key, version })?.definition ?? null;
}

/** The version new instances of this key start on in this Kommune. */
export function latestVersion(db: DbOrTx, tenant: Tenant, key: string): number | undefined {
  const row = db
    .select({ v: max(workflowDefinitions.definitionVersion) })
    .from(workflowDefinitions)
    .where(scoped(workflowDefinitions, tenant, eq(workflowDefinitions.definitionKey, key)))
    .get();
  if (row?.v) return row.v;
  return builtInDefinition(key) ? BUILT_IN_VERSION : undefined;
}

export interface DefinitionVersionSummary {
  version: number;
  builtIn: boolean;
  deployedAt: string | null;
  deployedBy: string | null;
  instanceCount: number;
  runningCount: number;
}

export interface DefinitionSummary {
  key: string;
  name: string;
  subjectType: string;
  /** German label the area registered for the subject type (falls back to the identifier). */
  subjectLabel: string;
  latestVersion: number;
  versions: DefinitionVersionSummary[];
}

/** All definitions of the Kommune (built-ins and its own keys) with instance counts per version. */
export function listDefinitionSummaries(db: DbOrTx, tenant: Tenant): DefinitionSummary[] {
  const deployed = db
    .select({
      key: workflowDefinitions.definitionKey,
      version: workflowDefinitions.definitionVersion,
      definition: workflowDefinitions.definition,
      deployedAt: workflowDefinitions.deployedAt,
      deployedBy: users.name,
    })
    .from(workflowDefinitions)
    .leftJoin(users, eq(users.id, workflowDefinitions.deployedBy))
    .where(scoped(workflowDefinitions, tenant))
    .orderBy(workflowDefinitions.definitionKey, desc(workflowDefinitions.definitionVersion))
    .all();
  const counts = db
    .select({ key: workflowInstances.definitionKey, version: workflowInstances.definitionVersion, state: workflowInstances.state, n: count() })
    .from(workflowInstances)
    .where(scoped(workflowInstances, tenant))
    .groupBy(workflowInstances.definitionKey, workflowInstances.definitionVersion, workflowInstances.state)
    .all();
  const keys = new Set([...BUILT_IN_DEFINITIONS.map((d) => d.key), ...deployed.map((d) => d.key)]);
  return [...keys].map((key) => {
    const versions: { version: number; def: WorkflowDefinition; builtIn: boolean; deployedAt: string | null; deployedBy: string | null }[] = deployed
      .filter((d) => d.key === key)
      .map((d) => ({ version: d.version, def: parseStored(d.definition), builtIn: false, deployedAt: d.deployedAt, deployedBy: d.deployedBy }));
    const builtIn = builtInDefinition(key);
    if (builtIn) versions.push({ version: BUILT_IN_VERSION, def: builtIn, builtIn: true, deployedAt: null, deployedBy: null });
    const latest = versions[0].def;
    return {
      key,
      name: latest.name,
      subjectType: latest.subjectType,
      subjectLabel: subjectProvider(latest.subjectType)?.label ?? latest.subjectType,
      latestVersion: versions[0].version,
      versions: versions.map((v) => {
        const rows = counts.filter((c) => c.key === key && c.version === v.version);
        const finals = new Set(v.def.states.filter((s) => s.kind === "final").map((s) => s.name));
        return {
          version: v.version,
          builtIn: v.builtIn,
          deployedAt: v.deployedAt,
          deployedBy: v.deployedBy,
          instanceCount: rows.reduce((sum, r) => sum + r.n, 0),
          runningCount: rows.filter((r) => !finals.has(r.state)).reduce((sum, r) => sum + r.n, 0),
        };
      }),
    };
  });
}

/**
 * Deploys a new version of a definition for the caller's Kommune after validating it. Bad input
 * raises a ValidationError on the field "definition" with every problem found, in German.
 */
export function deployDefinition(tx: Tx, caller: WorkflowCaller, jsonText: string): { key: string; version: number } {
  assertCan(caller, "workflow.deploy");
  const result = validateDefinitionJson(jsonText, registryLookup);
  if (!result.ok) throw new ValidationError({ definition: result.errors }, "Der Ablauf wurde nicht bereitgestellt.");
  const def = result.definition;
  const builtIn = builtInDefinition(def.key);
  if (builtIn && builtIn.subjectType !== def.subjectType) {
    throw new ValidationError({
      definition: [`Der Ablauf „${def.key}“ gehört zum Gegenstand „${builtIn.subjectType}“; „subjectType“ darf nicht geändert werden.`],
    });
  }
  const other = otherKeyForSubject(tx, caller, def);
  if (other) {
    throw new ValidationError({
      definition: [`Für den Gegenstand „${def.subjectType}“ gibt es bereits den Ablauf „${other}“. Stellen Sie dafür eine neue Version bereit.`],
    });
  }
  const version = (latestVersion(tx, caller, def.key) ?? 0) + 1;
  const stored = JSON.stringify(def);
  tx.insert(workflowDefinitions)
    .values(tenantRow(caller, { definitionKey: def.key, definitionVersion: version, definition: stored, deployedBy: caller.actor.userId }))
    .run();
  writeAudit(tx, {
    actor: caller.actor,
    municipalityId: caller.municipalityId,
    entity: "workflowDefinition",
    entityId: `${def.key}@${version}`,
    action: "deploy",
    details: { name: def.name, version, states: def.states.length, transitions: def.transitions.length },
  });
  return { key: def.key, version };
}

/** One definition key per subject type, so a subject never has two competing processes. */
function otherKeyForSubject(db: DbOrTx, tenant: Tenant, def: WorkflowDefinition): string | undefined {
  const builtIn = BUILT_IN_DEFINITIONS.find((d) => d.subjectType === def.subjectType && d.key !== def.key);
  if (builtIn) return builtIn.key;
  const rows = db
    .select({ key: workflowDefinitions.definitionKey, definition: workflowDefinitions.definition })
    .from(workflowDefinitions)
    .where(scoped(workflowDefinitions, tenant))
    .all();
  return rows.find((r) => r.key !== def.key && parseStored(r.definition).subjectType === def.subjectType)?.key;
}

/** Versions of one key that exist for the Kommune, newest first. */
export function definitionVersions(db: DbOrTx, tenant: Tenant, key: string): number[] {
  const rows = db
    .select({ v: workflowDefinitions.definitionVersion })
    .from(workflowDefinitions)
    .where(and(scoped(workflowDefinitions, tenant, eq(workflowDefinitions.definitionKey, key))))
    .orderBy(desc(workflowDefinitions.definitionVersion))
    .all()
    .map((r) => r.v);
  if (builtInDefinition(key)) rows.push(BUILT_IN_VERSION);
  return rows;
}

/** Names of the guards and effects a definition may use, for the admin page. */
export function registryOverview(): { guards: string[]; effects: string[] } {
  return { guards: registeredGuardNames(), effects: registeredEffectNames() };
}

/** German one-line description of a guard or effect call, for the definition pages. */
export function describeCall(kind: "guard" | "effect", call: { name: string; params: Record<string, unknown> }): string {
  const def = kind === "guard" ? guardDefinition(call.name) : effectDefinition(call.name);
  if (!def) return call.name;
  const params = def.params.safeParse(call.params);
  if (!params.success || !def.describe) return call.name;
  return def.describe(params.data);
}

/** German: who a task or deadline of a definition goes to, e.g. "Projektleitung des Projekts, sonst CDO". */
export function describeAssignee(subjectType: string, spec: AssigneeSpec, fallbackRole?: Role): string {
  const role = spec.assigneeRole ?? fallbackRole;
  const person = spec.assignee
    ? (subjectProvider(subjectType)?.subjectRoles?.[spec.assignee.subjectRole]?.label ?? spec.assignee.subjectRole)
    : spec.assigneeUserField
      ? `Person aus Feld „${spec.assigneeUserField}“`
      : undefined;
  if (!person) return role ? ROLE_LABELS[role] : "–";
  return role ? `${person}, sonst ${ROLE_LABELS[role]}` : person;
}
