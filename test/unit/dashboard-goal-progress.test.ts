import { describe, expect, it } from "vitest";
import { goalProgressShare } from "~/areas/dashboard/goal-progress";

describe("goal progress", () => {
  it("measures rising targets from the baseline", () => {
    expect(goalProgressShare(10, 60, 35)).toBe(0.5);
    expect(goalProgressShare(10, 60, 10)).toBe(0);
    expect(goalProgressShare(10, 60, 80)).toBe(1);
    expect(goalProgressShare(10, 60, 0)).toBe(0);
  });

  it("measures falling targets (fewer is better)", () => {
    expect(goalProgressShare(100, 20, 60)).toBe(0.5);
    expect(goalProgressShare(100, 20, 120)).toBe(0);
  });

  it("treats a target equal to the baseline as reached once the value is there", () => {
    expect(goalProgressShare(5, 5, 5)).toBe(1);
    expect(goalProgressShare(5, 5, 4)).toBe(0);
  });
});
