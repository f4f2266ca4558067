import { eq } from "drizzle-orm";
import * as s from "../schema";
import type { Db } from "../../app/utils/db.server";
import { shiftDay, todayIso } from "../../app/utils/calendar";
import type { SeededOrganisation } from "./organisation";

export const MULTI_MEMBER_EMAIL = "digital@amt-seenland.example";

/**
 * A person who works for several Kommunen without being Roll-in-Service staff: the Amt's
 * digitalisation lead, with a different role in each (CDO in Eichenbrück, Administration in
 * Wiesengrund, read access in Kleinhausen) and none in Musterstadt. Seeded last, so the other seeds'
 * mails and tasks stay as they were; their cockpit "Meine Kommunen" shows these three, and two tasks
 * addressed to them by name (no role task, so the other accounts' lists stay as they were).
 */
export function seedMultiMember(db: Db, org: SeededOrganisation): void {
  const robin = org.users.get("rollin@landesdienst.example")!;
  const passwordHash = db.select({ hash: s.users.passwordHash }).from(s.users).where(eq(s.users.id, robin)).get()!.hash;
  const id = db.insert(s.users).values({ email: MULTI_MEMBER_EMAIL, name: "Hanna Seemann", passwordHash }).returning({ id: s.users.id }).get().id;
  const [eichenbrueck, wiesengrund] = org.others;
  db.insert(s.memberships)
    .values([
      { userId: id, municipalityId: eichenbrueck.id, role: "cdo" },
      { userId: id, municipalityId: wiesengrund.id, role: "admin" },
      { userId: id, municipalityId: org.kleinhausen.id, role: "viewer" },
    ])
    .run();
  org.users.set(MULTI_MEMBER_EMAIL, id);
  const today = todayIso();
  db.insert(s.workflowTasks)
    .values([
      { municipalityId: eichenbrueck.id, kind: "manual", title: "Ansprechperson für die EfA-Anbindung benennen", assigneeUserId: id, dueDate: shiftDay(today, { days: 7 }), link: "/programmschritte" },
      { municipalityId: wiesengrund.id, kind: "manual", title: "Benutzerkonten der Verwaltung prüfen", assigneeUserId: id, dueDate: shiftDay(today, { days: -2 }), link: "/verwaltung/benutzer" },
    ])
    .run();
}
