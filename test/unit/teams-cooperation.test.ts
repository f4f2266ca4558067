import { describe, expect, it } from "vitest";
import { cooperationMatrix, cooperationPairs, siloIndicator } from "~/areas/teams/cooperation";

describe("silo indicator", () => {
  it("is the share of projects with two or more distinct units", () => {
    const r = siloIndicator([
      { projectId: 1, unitIds: [10, 11] },
      { projectId: 2, unitIds: [10] },
      { projectId: 3, unitIds: [10, 10] }, // same unit twice is still one unit
      { projectId: 4, unitIds: [12, 13, 14] },
    ]);
    expect(r).toEqual({ projectCount: 4, crossUnitCount: 2, share: 0.5 });
  });

  it("ignores projects without units and is 0 without projects", () => {
    expect(siloIndicator([])).toEqual({ projectCount: 0, crossUnitCount: 0, share: 0 });
    expect(siloIndicator([{ projectId: 1, unitIds: [] }, { projectId: 2, unitIds: [1, 2] }])).toEqual({
      projectCount: 1,
      crossUnitCount: 1,
      share: 1,
    });
  });
});

describe("cooperation", () => {
  const projects = [
    { projectId: 1, unitIds: [2, 1] },
    { projectId: 2, unitIds: [1, 2, 3] },
    { projectId: 3, unitIds: [3] },
  ];

  it("lists each unit pair once with its shared projects, most first", () => {
    expect(cooperationPairs(projects)).toEqual([
      { unitA: 1, unitB: 2, projectIds: [1, 2] },
      { unitA: 1, unitB: 3, projectIds: [2] },
      { unitA: 2, unitB: 3, projectIds: [2] },
    ]);
  });

  it("builds a symmetric matrix with involvement counts on the diagonal", () => {
    const m = cooperationMatrix(projects, [1, 2, 3]);
    expect(m).toEqual([
      [2, 2, 1],
      [2, 2, 1],
      [1, 1, 2],
    ]);
  });

  it("leaves out units not asked for", () => {
    expect(cooperationMatrix(projects, [3, 1])).toEqual([
      [2, 1],
      [1, 2],
    ]);
  });
});
