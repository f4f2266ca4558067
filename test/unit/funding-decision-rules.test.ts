import { describe, expect, it } from "vitest";
import { checkDecisionDates, checkSubmissionDate } from "~/areas/funding/decision-rules";

describe("decision and submission dates", () => {
  it("refuses a submission date in the future", () => {
    expect(checkSubmissionDate("2026-12-03", "2026-12-02").submittedOn).toEqual(["Das Einreichungsdatum 03.12.2026 liegt in der Zukunft."]);
    expect(checkSubmissionDate("2026-12-02", "2026-12-02")).toEqual({});
  });

  it("refuses the observed 01.12.2027–30.11.2026 period and a decision before the submission", () => {
    const e = checkDecisionDates({ submittedOn: "2026-05-01", decisionDate: "2026-04-30", fundingPeriodStart: "2027-12-01", fundingPeriodEnd: "2026-11-30", today: "2026-12-02" });
    expect(e.decisionDate).toEqual(["Der Bescheid kann nicht vor der Einreichung am 01.05.2026 ergangen sein."]);
    expect(e.fundingPeriodEnd).toEqual(["Das Ende des Bewilligungszeitraums muss nach dem Beginn (01.12.2027) liegen."]);
    expect(checkDecisionDates({ submittedOn: "2026-05-01", decisionDate: "2026-05-01", fundingPeriodStart: "2026-06-01", fundingPeriodEnd: "2026-06-02", today: "2026-12-02" })).toEqual({});
    expect(checkDecisionDates({ submittedOn: null, decisionDate: "2026-12-03", today: "2026-12-02" }).decisionDate).toHaveLength(1);
  });
});
