/**
 * Cooperation across units: which units work together on which projects, and the silo indicator
 * (share of projects involving two or more units). Pure, unit-tested.
 */

export interface ProjectUnits {
  projectId: number;
  /** Every unit involved: lead unit, further involved units, units of the team members. */
  unitIds: number[];
}

export interface SiloIndicator {
  /** Projects counted (those with at least one unit). */
  projectCount: number;
  /** Projects with two or more distinct units. */
  crossUnitCount: number;
  /** crossUnitCount / projectCount, 0 when there is no project. */
  share: number;
}

export function siloIndicator(projects: ProjectUnits[]): SiloIndicator {
  let projectCount = 0;
  let crossUnitCount = 0;
  for (const p of projects) {
    const distinct = new Set(p.unitIds).size;
    if (distinct === 0) continue;
    projectCount++;
    if (distinct >= 2) crossUnitCount++;
  }
  return { projectCount, crossUnitCount, share: projectCount ? crossUnitCount / projectCount : 0 };
}

export interface CooperationPair {
  unitA: number;
  unitB: number;
  projectIds: number[];
}

/**
 * Unit pairs working together, each pair once (unitA < unitB), with the projects they share;
 * most shared projects first.
 */
export function cooperationPairs(projects: ProjectUnits[]): CooperationPair[] {
  const pairs = new Map<string, CooperationPair>();
  for (const p of projects) {
    const ids = [...new Set(p.unitIds)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const key = `${ids[i]}:${ids[j]}`;
        let pair = pairs.get(key);
        if (!pair) pairs.set(key, (pair = { unitA: ids[i], unitB: ids[j], projectIds: [] }));
        pair.projectIds.push(p.projectId);
      }
    }
  }
  return [...pairs.values()].sort(
    (a, b) => b.projectIds.length - a.projectIds.length || a.unitA - b.unitA || a.unitB - b.unitB,
  );
}

/**
 * The symmetric unit × unit matrix of shared project counts for the given units (in that order).
 * The diagonal holds the number of projects each unit is involved in at all.
 */
export function cooperationMatrix(projects: ProjectUnits[], unitIds: number[]): number[][] {
  const index = new Map(unitIds.map((id, i) => [id, i]));
  const matrix = unitIds.map(() => unitIds.map(() => 0));
  for (const p of projects) {
    const ids = [...new Set(p.unitIds)].filter((id) => index.has(id));
    for (const a of ids) {
      for (const b of ids) matrix[index.get(a)!][index.get(b)!]++;
    }
  }
  return matrix;
}
