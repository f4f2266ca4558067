import { describe, expect, it } from "vitest";
import { BUILT_IN_DEFINITIONS } from "~/workflow/definitions";

// Who may fire each step of the built-in definitions, as the definitions listed it by hand before
// the roles were derived from the permission matrix. Written out here, independently of both, so
// that a change to the matrix or to the derivation shows up as a changed step.
const EDIT_FUNDING = ["admin", "cdo", "projectLead", "finance", "rollInManager"];
const APPROVE_FUNDING = ["admin", "cdo", "finance", "rollInManager"];
const STEER_PROJECTS = ["admin", "cdo", "rollInManager"];
const LEAD_PROJECTS = ["admin", "cdo", "projectLead", "rollInManager"];
const MANAGE_TRAININGS = ["admin", "cdo", "rollInManager"];

const EXPECTED: Record<string, Record<string, string[]>> = {
  fundingApplication: {
    prepareOutline: EDIT_FUNDING,
    submitOutline: EDIT_FUNDING,
    inviteToApply: EDIT_FUNDING,
    rejectOutline: EDIT_FUNDING,
    requestInternalReview: EDIT_FUNDING,
    returnToDrafting: APPROVE_FUNDING,
    submit: APPROVE_FUNDING,
    recordApproval: APPROVE_FUNDING,
    recordRejection: APPROVE_FUNDING,
    withdraw: APPROVE_FUNDING,
    startImplementation: EDIT_FUNDING,
    requestAmendment: APPROVE_FUNDING,
    recordAmendmentDecision: APPROVE_FUNDING,
    startInterimReport: EDIT_FUNDING,
    submitInterimReport: APPROVE_FUNDING,
    submitFinalReport: APPROVE_FUNDING,
    recordFinalReview: APPROVE_FUNDING,
    recordReclaim: APPROVE_FUNDING,
    close: APPROVE_FUNDING,
    settleReclaim: APPROVE_FUNDING,
  },
  project: {
    submitForAssessment: LEAD_PROJECTS,
    returnToIdea: STEER_PROJECTS,
    approvePlan: STEER_PROJECTS,
    startImplementation: LEAD_PROJECTS,
    complete: LEAD_PROJECTS,
    putOnHold: STEER_PROJECTS,
    resume: STEER_PROJECTS,
    cancel: STEER_PROJECTS,
  },
  trainingSession: {
    openRegistration: MANAGE_TRAININGS,
    markFullyBooked: MANAGE_TRAININGS,
    reopenRegistration: MANAGE_TRAININGS,
    markHeld: MANAGE_TRAININGS,
    document: MANAGE_TRAININGS,
    cancel: MANAGE_TRAININGS,
  },
};

describe("roles of the built-in definitions", () => {
  it("are exactly the roles each step had, in the same order, for every built-in definition", () => {
    const actual = Object.fromEntries(
      BUILT_IN_DEFINITIONS.map((d) => [d.key, Object.fromEntries(d.transitions.map((t) => [t.name, t.roles]))]),
    );
    expect(Object.keys(actual).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(actual).toEqual(EXPECTED);
  });
});
