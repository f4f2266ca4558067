/** States of the built-in `trainingSession` definition in which registrations are taken (a full session keeps a waitlist). */
export const OPEN_FOR_REGISTRATION = ["registrationOpen", "fullyBooked"] as const;

/**
 * Whether a session takes registrations on `today` (ISO date, Berlin): its workflow is open or
 * fully booked, and the registration deadline (inclusive) has not passed.
 */
export function registrationOpen(state: string | null | undefined, registrationDeadline: string, today: string): boolean {
  return state != null && (OPEN_FOR_REGISTRATION as readonly string[]).includes(state) && today <= registrationDeadline;
}
