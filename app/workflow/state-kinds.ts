/** Kinds of workflow states; kept free of server and schema imports so the UI can use it. */
export const STATE_KINDS = ["initial", "active", "waiting", "final"] as const;
export type StateKind = (typeof STATE_KINDS)[number];
export const STATE_KIND_LABELS: Record<StateKind, string> = {
  initial: "Start",
  active: "in Arbeit",
  waiting: "wartend",
  final: "Ende",
};
