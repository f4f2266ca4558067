/**
 * Registration and waitlist rules. Pure: the server module loads the rows inside a
 * BEGIN IMMEDIATE transaction, asks these functions, and writes the result.
 */
export interface QueueEntry {
  id: number;
  requestedAt: string;
}

/** A new request gets a seat while seats are free, otherwise a waitlist place. */
export function placeFor(capacity: number, registeredCount: number): "registered" | "waitlisted" {
  return registeredCount < capacity ? "registered" : "waitlisted";
}

/** Waitlist order: whoever asked first, ties broken by the row id (insertion order). */
export function waitlistOrder<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => (a.requestedAt === b.requestedAt ? a.id - b.id : a.requestedAt < b.requestedAt ? -1 : 1));
}

/** The waitlist entries that move up when seats are free (after a cancellation or a capacity increase). */
export function promotions<T extends QueueEntry>(capacity: number, registeredCount: number, waitlist: readonly T[]): T[] {
  const free = Math.max(0, capacity - registeredCount);
  return waitlistOrder(waitlist).slice(0, free);
}

/** 1-based waitlist position of an entry, or null when it is not on the list. */
export function waitlistPosition(entryId: number, waitlist: readonly QueueEntry[]): number | null {
  const index = waitlistOrder(waitlist).findIndex((e) => e.id === entryId);
  return index === -1 ? null : index + 1;
}
