import { TZDate } from "@date-fns/tz";
import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { tzlib_get_ical_block } from "timezones-ical-library";

export const TIME_ZONE = "Europe/Berlin";

export interface CalendarSession {
  id: number;
  municipalityId: number;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  location: string | null;
  onlineUrl: string | null;
  url: string;
  cancelled: boolean;
  /** The person holds a waitlist place, not a seat: the event is only tentative for them. */
  waitlisted?: boolean;
}

function eventStatus(s: CalendarSession): ICalEventStatus {
  if (s.cancelled) return ICalEventStatus.CANCELLED;
  return s.waitlisted ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED;
}

function eventSummary(s: CalendarSession): string {
  if (s.cancelled) return `Abgesagt: ${s.title}`;
  return s.waitlisted ? `Warteliste: ${s.title}` : s.title;
}

/** VTIMEZONE blocks from the maintained IANA-derived library, so calendar apps get DST right. */
function vtimezone(tz: string): string | null {
  const block = tzlib_get_ical_block(tz);
  return block?.[0] ?? null;
}

/**
 * An RFC 5545 calendar of training sessions with times in Europe/Berlin. UIDs are stable per
 * session so that a calendar app updates (not duplicates) an event when the feed changes.
 */
export function buildCalendar(name: string, sessions: readonly CalendarSession[], host: string): string {
  const calendar = ical({
    name,
    prodId: { company: "Fahrplan", product: "Schulungen", language: "DE" },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone name: ical-generator would then write DTSTAMP without "Z", which
    // RFC 5545 forbids. The generator still adds the VTIMEZONE for the events' TZID.
    timezone: { name: null, generator: vtimezone },
  });
  for (const s of sessions) {
    calendar.createEvent({
      id: `schulungstermin-${s.municipalityId}-${s.id}@${host}`,
      // TZDate carries the zone, so the library writes Berlin wall-clock time next to TZID
      // (a plain Date would be written in the server's local zone).
      start: new TZDate(new Date(s.startsAt).getTime(), TIME_ZONE),
      end: new TZDate(new Date(s.endsAt).getTime(), TIME_ZONE),
      timezone: TIME_ZONE,
      summary: eventSummary(s),
      description: [s.description, s.onlineUrl ? `Online: ${s.onlineUrl}` : ""].filter(Boolean).join("\n\n"),
      location: s.location ?? s.onlineUrl ?? undefined,
      url: s.url,
      status: eventStatus(s),
    });
  }
  return calendar.toString();
}

export interface InvitationInput {
  method: "REQUEST" | "CANCEL";
  sequence: number;
  /** Sender of the invitation (the address of MAIL_FROM). */
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

export function sessionUid(s: Pick<CalendarSession, "municipalityId" | "id">, host: string): string {
  return `schulungstermin-${s.municipalityId}-${s.id}@${host}`;
}

/**
 * An iTIP message (RFC 5546) for one participant: REQUEST for a seat (again with a higher
 * SEQUENCE when the session changes), CANCEL with the same UID and a higher SEQUENCE when the
 * seat or the session is cancelled. The UID is the one of the calendar feed.
 */
export function buildInvitation(s: CalendarSession, input: InvitationInput, host: string): string {
  const calendar = ical({
    prodId: { company: "Fahrplan", product: "Schulungen", language: "DE" },
    method: input.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: null, generator: vtimezone },
  });
  calendar.createEvent({
    id: sessionUid(s, host),
    sequence: input.sequence,
    start: new TZDate(new Date(s.startsAt).getTime(), TIME_ZONE),
    end: new TZDate(new Date(s.endsAt).getTime(), TIME_ZONE),
    timezone: TIME_ZONE,
    summary: input.method === "CANCEL" ? `Abgesagt: ${s.title}` : s.title,
    description: [s.description, s.onlineUrl ? `Online: ${s.onlineUrl}` : "", s.url].filter(Boolean).join("\n\n"),
    location: s.location ?? s.onlineUrl ?? undefined,
    url: s.url,
    status: input.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: input.organizer,
    attendees: [{ name: input.attendee.name, email: input.attendee.email, rsvp: false, role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED }],
  });
  return calendar.toString();
}
