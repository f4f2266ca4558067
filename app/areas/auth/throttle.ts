/** Rate-limit rules for failed logins, per account and per client address. */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export interface ThrottleState {
  failures: number;
  windowStartedAt: number;
}

/** Milliseconds until another attempt is allowed, or 0 when allowed now. */
export function lockedForMs(state: ThrottleState | undefined, max: number, now: number): number {
  if (!state) return 0;
  const windowEnd = state.windowStartedAt + THROTTLE_WINDOW_MS;
  if (now >= windowEnd) return 0;
  return state.failures >= max ? windowEnd - now : 0;
}

/** The state after one more failure at `now` (a new window starts when the old one has passed). */
export function recordFailure(state: ThrottleState | undefined, now: number): ThrottleState {
  if (!state || now >= state.windowStartedAt + THROTTLE_WINDOW_MS) return { failures: 1, windowStartedAt: now };
  return { failures: state.failures + 1, windowStartedAt: state.windowStartedAt };
}

/**
 * The state after a reserved attempt turned out to be a success: it no longer counts as a failure.
 * Every attempt is reserved as a failure before the password is checked, so that parallel attempts
 * cannot all pass the check on the same old count.
 */
export function releaseAttempt(state: ThrottleState | undefined): ThrottleState | undefined {
  if (!state) return undefined;
  return { failures: Math.max(0, state.failures - 1), windowStartedAt: state.windowStartedAt };
}
