/** The part of a history entry that replaying needs. */
export interface ReplayEntry {
  kind: "start" | "transition" | "migration";
  fromState: string | null;
  toState: string;
  instanceVersion: number;
}

/**
 * Replays an instance's history and returns the state it yields. Throws when the history is
 * inconsistent (an entry that does not start where the previous one ended, or a gap in versions),
 * so a test or an audit can rely on "replay = current state".
 */
export function replayHistory(entries: readonly ReplayEntry[]): { state: string; version: number } {
  if (!entries.length || entries[0].kind !== "start") throw new Error("history does not begin with a start entry");
  let state = entries[0].toState;
  let version = entries[0].instanceVersion;
  for (const e of entries.slice(1)) {
    if (e.kind === "start") throw new Error("history has a second start entry");
    if (e.fromState !== state) throw new Error(`history entry starts in ${e.fromState}, expected ${state}`);
    if (e.instanceVersion !== version + 1) throw new Error(`history version ${e.instanceVersion} follows ${version}`);
    state = e.toState;
    version = e.instanceVersion;
  }
  return { state, version };
}
