import { describe, expect, it } from "vitest";
import { type UnitNode, descendantIds, placementError, treeOrder, unitPath } from "~/areas/org/unit-tree";

const units: UnitNode[] = [
  { id: 1, parentId: null, kind: "department", name: "Dezernat I" },
  { id: 2, parentId: 1, kind: "department", name: "Hauptamt" },
  { id: 3, parentId: 2, kind: "department", name: "Poststelle" },
  { id: 4, parentId: null, kind: "company", name: "Stadtwerke GmbH" },
  { id: 5, parentId: 1, kind: "department", name: "Bürgeramt" },
  { id: 6, parentId: 4, kind: "company", name: "Netzgesellschaft" },
];

describe("unit tree", () => {
  it("orders parents before children and siblings alphabetically (German collation)", () => {
    expect(treeOrder(units).map((u) => [u.name, u.depth])).toEqual([
      ["Dezernat I", 0],
      ["Bürgeramt", 1],
      ["Hauptamt", 1],
      ["Poststelle", 2],
      ["Stadtwerke GmbH", 0],
      ["Netzgesellschaft", 1],
    ]);
  });

  it("finds all descendants", () => {
    expect([...descendantIds(units, 1)].sort()).toEqual([1, 2, 3, 5]);
    expect([...descendantIds(units, 3)]).toEqual([3]);
  });

  it("builds a readable path", () => {
    expect(unitPath(units, 3)).toBe("Dezernat I › Hauptamt › Poststelle");
  });

  it("allows top level and nesting of the same kind", () => {
    expect(placementError(units, { unitId: null, kind: "department", parentId: null })).toBeNull();
    expect(placementError(units, { unitId: 5, kind: "department", parentId: 2 })).toBeNull();
    expect(placementError(units, { unitId: null, kind: "company", parentId: 4 })).toBeNull();
  });

  it("refuses moving a unit below itself or its descendants", () => {
    expect(placementError(units, { unitId: 1, kind: "department", parentId: 3 })).toMatch(/unter sich selbst/);
    expect(placementError(units, { unitId: 2, kind: "department", parentId: 2 })).toMatch(/unter sich selbst/);
  });

  it("refuses mixing departments and companies and unknown parents", () => {
    expect(placementError(units, { unitId: null, kind: "department", parentId: 4 })).toMatch(/nur unter einer Verwaltungseinheit/);
    expect(placementError(units, { unitId: 6, kind: "company", parentId: 1 })).toMatch(/oberster Ebene/);
    expect(placementError(units, { unitId: null, kind: "department", parentId: 99 })).toMatch(/gibt es in Ihrer Kommune nicht/);
  });
});
