import * as s from "../schema";
import { newValues, writeAudit } from "../../app/utils/audit.server";
import type { Db } from "../../app/utils/db.server";
import { addDaysIso, todayIso } from "../../app/utils/calendar";
import type { SeededOrganisation } from "./organisation";
import { projectsByTitle } from "./agenda-projects";

/** The demo joint project: Musterstadt leads the real-time ÖPNV data, Kleinhausen (on the same bus lines) pays a share. */
export const DEMO_JOINT_PROJECT = "Echtzeitdaten ÖPNV";
export const DEMO_JOINT_SHARE_CENTS = 4_650_000;

export function seedJointProjects(db: Db, org: SeededOrganisation): void {
  const lead = org.musterstadt;
  const projectId = projectsByTitle(db, lead.id).get(DEMO_JOINT_PROJECT)!;
  const agreedOn = addDaysIso(todayIso(), -30);
  const note = "Zweckvereinbarung zur gemeinsamen Fahrgastinformation an den Regionalbuslinien 310 und 312.";
  const row = db
    .insert(s.projectPartners)
    .values({ municipalityId: lead.id, projectId, partnerMunicipalityId: org.kleinhausen.id, shareCents: DEMO_JOINT_SHARE_CENTS, agreedOn, note })
    .returning({ id: s.projectPartners.id })
    .get();
  writeAudit(db, {
    actor: { userId: lead.users.get("cdo@musterstadt.example")!, label: "cdo@musterstadt.example" },
    municipalityId: lead.id,
    entity: "projectPartner",
    entityId: row.id,
    action: "create",
    changes: newValues({ partner: org.kleinhausen.name, shareCents: DEMO_JOINT_SHARE_CENTS, agreedOn, note }),
    parent: { entity: "project", id: projectId },
  });
}
