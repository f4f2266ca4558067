import { describe, expect, it } from "vitest";
import { BUILT_IN_DEFINITIONS } from "~/workflow/definitions";
import { diagramFor } from "~/workflow/diagram.server";

describe("state diagram layout (ELK)", () => {
  it("lays out every state and one edge per transition source, synchronously", () => {
    for (const def of BUILT_IN_DEFINITIONS) {
      const diagram = diagramFor(def);
      expect(diagram.nodes.map((n) => n.name).sort()).toEqual(def.states.map((s) => s.name).sort());
      expect(diagram.edges).toHaveLength(def.transitions.reduce((n, t) => n + t.from.length, 0));
      for (const e of diagram.edges) expect(e.path).toMatch(/^M[\d.]+,[\d.]+( L[\d.]+,[\d.]+)+$/);
      for (const n of diagram.nodes) {
        expect(n.x + n.width).toBeLessThanOrEqual(diagram.width);
        expect(n.y + n.height).toBeLessThanOrEqual(diagram.height);
      }
    }
  });

  it("reads top-down in definition order: the initial state is in the top layer", () => {
    const project = BUILT_IN_DEFINITIONS.find((d) => d.key === "project")!;
    const { nodes } = diagramFor(project);
    const y = (name: string) => nodes.find((n) => n.name === name)!.y;
    expect(y("idea")).toBe(Math.min(...nodes.map((n) => n.y)));
    expect(y("idea")).toBeLessThan(y("assessment"));
    expect(y("assessment")).toBeLessThan(y("planned"));
    expect(y("planned")).toBeLessThan(y("inProgress"));
  });
});
