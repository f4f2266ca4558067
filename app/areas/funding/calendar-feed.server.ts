import { and, eq } from "drizzle-orm";
import ical, { ICalCalendarMethod } from "ical-generator";
import { memberships, municipalities, users } from "../../../db/schema";
import { getDb } from "../../utils/db.server";
import { can } from "../../utils/permissions";
import { fundingCalendarEvents } from "./overview.server";

/**
 * Funding deadlines as an iCal feed behind the user's secret calendar token (the same token as
 * the training feed): all-day events for every Kommune in which the user may see funding.
 */
export function fundingFeed(token: string, origin: string): string | undefined {
  if (token.length < 20) return undefined;
  const db = getDb();
  const user = db.select({ id: users.id, name: users.name }).from(users).where(and(eq(users.calendarToken, token), eq(users.active, true))).get();
  if (!user) return undefined;
  const calendar = ical({
    name: `Förderfristen – ${user.name}`,
    prodId: { company: "Fahrplan", product: "Foerderung", language: "DE" },
    method: ICalCalendarMethod.PUBLISH,
  });
  const host = new URL(origin).hostname;
  const rows = db
    .select({ municipalityId: memberships.municipalityId, role: memberships.role, name: municipalities.name })
    .from(memberships)
    .innerJoin(municipalities, eq(municipalities.id, memberships.municipalityId))
    .where(eq(memberships.userId, user.id))
    .all();
  for (const m of rows.filter((r) => can(r.role, "funding.view"))) {
    for (const e of fundingCalendarEvents({ municipalityId: m.municipalityId }, user.id, db)) {
      const [y, mo, d] = e.date.split("-").map(Number);
      calendar.createEvent({
        id: `${e.uid}@${host}`,
        start: new Date(Date.UTC(y, mo - 1, d)),
        allDay: true,
        summary: rows.length > 1 ? `${e.summary} (${m.name})` : e.summary,
        url: `${origin}${e.url}`,
      });
    }
  }
  return calendar.toString();
}
