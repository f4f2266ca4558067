/**
 * How far a goal has come from its baseline towards its target (0 = baseline, 1 = reached).
 * Works for rising and falling targets (e.g. fewer paper forms); clamped to 0..1. A goal whose
 * target equals its baseline has no direction, so only hitting the value counts as reached.
 */
export function goalProgressShare(baseline: number, target: number, actual: number): number {
  if (target === baseline) return actual === target ? 1 : 0;
  const share = (actual - baseline) / (target - baseline);
  return Math.min(1, Math.max(0, share));
}
