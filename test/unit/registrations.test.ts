import { describe, expect, it } from "vitest";
// Every module that used to register something when imported, imported here without registerAll.
import "~/areas/assessment/workflow.server";
import "~/areas/funding/applications.server";
import "~/areas/funding/workflow.server";
import "~/areas/projects/workflow.server";
import "~/areas/trainings/workflow.server";
import "~/reports/workflow.server";
import "~/utils/backup-job.server";
import "~/utils/mail/digest.server";
import "~/utils/mail/sender.server";
import "~/workflow/index.server";
import { registerAll } from "~/areas/registrations.server";
import { BACKGROUND_JOBS } from "~/utils/jobs.server";
import {
  registeredEffectNames,
  registeredGuardNames,
  registeredSubjectTypes,
  registeredTaskSources,
  requireSubjectProvider,
} from "~/workflow/registry.server";

const subjectTypes = () => registeredSubjectTypes().map((s) => s.subjectType).sort();
const jobNames = () => BACKGROUND_JOBS.map((j) => j.name);

const SUBJECTS = ["employee", "fundingApplication", "project", "trainingSession"];
const GUARDS = ["amountAbove", "amountAtMost", "documentsAttached", "fieldsPresent", "finalReportArchived", "fourEyes", "hasRole"];
const EFFECTS = ["notifyRole", "notifySessionParticipants", "recordApplicationContributor", "setDeadline"];
const JOBS = [
  "workflow-deadline-scan",
  "assessment.reclassify",
  "projects.statusReportReminders",
  "training-retention",
  "mail-outbox",
  "backup.scheduled",
  "mail-digest",
];

describe("registerAll", () => {
  it("is the only way in: importing the modules registers no subject, guard, effect, task source or job", () => {
    expect(subjectTypes()).toEqual([]);
    expect(registeredGuardNames()).toEqual([]);
    expect(registeredEffectNames()).toEqual([]);
    expect(registeredTaskSources()).toEqual([]);
    expect(jobNames()).toEqual([]);
    // A workflow used before registration fails with a message that says what was forgotten.
    expect(() => requireSubjectProvider("fundingApplication")).toThrow(
      "workflow subject type fundingApplication is not registered (no subject type is registered at all: registerAll() (app/areas/registrations.server.ts) was not called)",
    );
  });

  it("registers every area's subjects, guards, effects, task sources and jobs", () => {
    registerAll();
    expect(subjectTypes()).toEqual(SUBJECTS);
    expect(registeredGuardNames()).toEqual(GUARDS);
    expect(registeredEffectNames()).toEqual(EFFECTS);
    expect(registeredTaskSources()).toHaveLength(1);
    expect(jobNames()).toEqual(JOBS);
    expect(requireSubjectProvider("fundingApplication").label).toBe("Förderantrag");
    expect(() => requireSubjectProvider("councilMotion")).toThrow(/councilMotion is not registered \(registered: project, fundingApplication, trainingSession, employee\)/);
  });

  it("is harmless to call again: nothing is doubled, in particular no job runs twice", () => {
    registerAll();
    registerAll();
    expect(subjectTypes()).toEqual(SUBJECTS);
    expect(registeredGuardNames()).toEqual(GUARDS);
    expect(registeredEffectNames()).toEqual(EFFECTS);
    expect(registeredTaskSources()).toHaveLength(1);
    expect(jobNames()).toEqual(JOBS);
  });
});
