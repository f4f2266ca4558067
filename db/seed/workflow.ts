import type { Db, Tx } from "../../app/utils/db.server";
import { shiftDay, todayIso } from "../../app/utils/calendar";
import { createTask, scheduleDeadline } from "../../app/workflow/index.server";
import type { SeededOrganisation } from "./organisation";

/**
 * Demo deadlines and a task for Musterstadt that the scheduler picks up at the first start: one
 * deadline already passed (as if the server had been down), one inside its reminder window.
 */
export function seedWorkflow(db: Db, org: SeededOrganisation): void {
  const tx = db as unknown as Tx;
  const tenant = { municipalityId: org.musterstadt.id };
  const today = todayIso();
  scheduleDeadline(tx, tenant, {
    subjectType: "municipality",
    subjectId: org.musterstadt.id,
    key: "annualDigitalReport",
    label: "Jahresbericht zur Digitalagenda an den Rat",
    dueDate: shiftDay(today, { days: -3 }),
    link: "/berichte",
    remindDaysBefore: 14,
    assigneeRole: "cdo",
  });
  scheduleDeadline(tx, tenant, {
    subjectType: "municipality",
    subjectId: org.musterstadt.id,
    key: "maturitySelfAssessment",
    label: "Reifegrad-Selbstbewertung aktualisieren",
    dueDate: shiftDay(today, { days: 5 }),
    link: "/reifegrad",
    remindDaysBefore: 14,
    assigneeRole: "cdo",
  });
  createTask(tx, tenant, {
    title: "Eigene Ablaufversion prüfen: Ratsbeschluss für Projekte über 100.000 €",
    assigneeRole: "cdo",
    dueDate: shiftDay(today, { days: 14 }),
    link: "/verwaltung/ablaeufe/project",
  });
}
