import type { UnitKind } from "../../../db/schema/org";

export interface UnitNode {
  id: number;
  parentId: number | null;
  kind: UnitKind;
  name: string;
}

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  department: "Verwaltungseinheit (Fachbereich, Amt, Referat, Dezernat)",
  company: "Kommunales Unternehmen (Eigenbetrieb, Gesellschaft)",
};

/** The ids of a unit and everything below it. */
export function descendantIds(units: readonly UnitNode[], unitId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const u of units) {
    if (u.parentId != null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  }
  const result = new Set<number>([unitId]);
  const stack = [unitId];
  while (stack.length) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!result.has(child)) {
        result.add(child);
        stack.push(child);
      }
    }
  }
  return result;
}

/**
 * Whether a unit of `kind` may sit under `parentId` (null = top level), German reason when not.
 * Departments nest only under departments (the administration's hierarchy); companies sit at the
 * top or under another company (holding structures). A unit can never move below itself.
 */
export function placementError(
  units: readonly UnitNode[],
  input: { unitId: number | null; kind: UnitKind; parentId: number | null },
): string | null {
  if (input.parentId == null) return null;
  const parent = units.find((u) => u.id === input.parentId);
  if (!parent) return "Diese übergeordnete Einheit gibt es in Ihrer Kommune nicht.";
  if (input.unitId != null && descendantIds(units, input.unitId).has(parent.id)) {
    return "Eine Einheit kann nicht unter sich selbst oder einer ihrer Untereinheiten stehen.";
  }
  if (input.kind === "department" && parent.kind !== "department") {
    return "Eine Verwaltungseinheit kann nur unter einer Verwaltungseinheit stehen.";
  }
  if (input.kind === "company" && parent.kind !== "company") {
    return "Ein kommunales Unternehmen kann nur auf oberster Ebene oder unter einem anderen Unternehmen stehen.";
  }
  return null;
}

/** Units in tree order (parents before children, siblings by name) with their depth. */
export function treeOrder<T extends UnitNode>(units: readonly T[]): (T & { depth: number })[] {
  const byParent = new Map<number | null, T[]>();
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    const parent = u.parentId != null && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), u]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.name.localeCompare(b.name, "de"));
  const ordered: (T & { depth: number })[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const u of byParent.get(parentId) ?? []) {
      ordered.push({ ...u, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return ordered;
}

/** Full path for select options, e.g. "Dezernat I – Allgemeine Verwaltung › Hauptamt". */
export function unitPath(units: readonly UnitNode[], unitId: number): string {
  const byId = new Map(units.map((u) => [u.id, u]));
  const names: string[] = [];
  const seen = new Set<number>();
  let current = byId.get(unitId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId != null ? byId.get(current.parentId) : undefined;
  }
  return names.join(" › ");
}
