import { describe, expect, it } from "vitest";
import { THROTTLE_WINDOW_MS, lockedForMs, recordFailure, releaseAttempt } from "~/areas/auth/throttle";

describe("login throttling", () => {
  it("locks after the maximum number of failures within the window", () => {
    let state = undefined as ReturnType<typeof recordFailure> | undefined;
    const t0 = 1_000_000;
    for (let i = 0; i < 4; i++) state = recordFailure(state, t0 + i);
    expect(lockedForMs(state, 5, t0 + 10)).toBe(0);
    state = recordFailure(state, t0 + 5);
    expect(lockedForMs(state, 5, t0 + 10)).toBe(THROTTLE_WINDOW_MS - 10);
  });

  it("starts a new window once the old one has passed", () => {
    const state = { failures: 9, windowStartedAt: 0 };
    expect(lockedForMs(state, 5, THROTTLE_WINDOW_MS)).toBe(0);
    expect(recordFailure(state, THROTTLE_WINDOW_MS)).toEqual({ failures: 1, windowStartedAt: THROTTLE_WINDOW_MS });
  });
});

describe("releasing a reserved attempt", () => {
  it("takes back one failure and keeps the window", () => {
    expect(releaseAttempt({ failures: 3, windowStartedAt: 42 })).toEqual({ failures: 2, windowStartedAt: 42 });
  });

  it("never goes below zero and leaves a missing state missing", () => {
    expect(releaseAttempt({ failures: 0, windowStartedAt: 42 })).toEqual({ failures: 0, windowStartedAt: 42 });
    expect(releaseAttempt(undefined)).toBeUndefined();
  });
});
