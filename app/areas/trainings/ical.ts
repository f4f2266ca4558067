import { TZDate } from "@date-fns/tz";
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
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
