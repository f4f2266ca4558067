import { describe, expect, it } from "vitest";
import { registrationOpen } from "~/areas/trainings/registration-window";

describe("registration open", () => {
  it("is open while the session takes registrations or keeps a waitlist, up to and including the deadline", () => {
    expect(registrationOpen("registrationOpen", "2027-03-05", "2027-03-01")).toBe(true);
    expect(registrationOpen("fullyBooked", "2027-03-05", "2027-03-05")).toBe(true);
  });

  it("is closed after the deadline, in any other state, and without a workflow", () => {
    expect(registrationOpen("registrationOpen", "2027-03-05", "2027-03-06")).toBe(false);
    expect(registrationOpen("planned", "2027-03-05", "2027-03-01")).toBe(false);
    expect(registrationOpen("cancelled", "2027-03-05", "2027-03-01")).toBe(false);
    expect(registrationOpen(null, "2027-03-05", "2027-03-01")).toBe(false);
    expect(registrationOpen(undefined, "2027-03-05", "2027-03-01")).toBe(false);
  });
});
