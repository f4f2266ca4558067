import { describe, expect, it } from "vitest";
import { addDaysIso } from "~/utils/calendar";
import ICAL from "ical.js";
import { attendanceNotYetOpen } from "~/areas/trainings/attendance.server";
import { certificateValid } from "~/areas/trainings/certificate-status";
import { GRACE_PERIOD_DAYS, complianceStatus, obligedSince } from "~/areas/trainings/compliance";
import { buildCalendar } from "~/areas/trainings/ical";
import { berlinTimeProblem, berlinToUtcIso } from "~/areas/trainings/time";
import { runningSessionTimes } from "../../db/seed/trainings";

describe("session times", () => {
  it("refuses a wall-clock time in the DST gap instead of shifting it", () => {
    // 29.03.2026: clocks go from 02:00 to 03:00 in Berlin.
    expect(berlinToUtcIso("2026-03-29", "02:30")).toBeNull();
    expect(berlinTimeProblem("2026-03-29", "02:30")).toBe("dstGap");
    expect(berlinToUtcIso("2026-03-29", "03:00")).toBe("2026-03-29T01:00:00.000Z");
    expect(berlinTimeProblem("2026-03-29", "25:00")).toBe("invalid");
    expect(berlinTimeProblem("2026-02-30", "09:00")).toBe("invalid");
    // The repeated hour in October exists (first occurrence).
    expect(berlinToUtcIso("2026-10-25", "02:30")).not.toBeNull();
  });

  it("places the demo's running session in the hour before now, within the day", () => {
    expect(runningSessionTimes(new Date("2026-12-02T12:20:00Z"))).toEqual({ start: "12:00", end: "15:00" });
    expect(runningSessionTimes(new Date("2026-12-02T23:10:00Z"))).toEqual({ start: "00:00", end: "03:00" });
    expect(runningSessionTimes(new Date("2026-12-02T22:30:00Z"))).toEqual({ start: "22:00", end: "23:00" });
  });
});

describe("attendance opens at the session's start", () => {
  const session = { startsAt: "2026-12-02T12:00:00.000Z" };
  it("refuses hours before the start on the same day, with the start in German", () => {
    expect(attendanceNotYetOpen(session, new Date("2026-12-02T08:00:00Z"))).toBe(
      "Die Anwesenheit kann erst ab Beginn des Termins erfasst werden (02.12.2026, 13:00 Uhr).",
    );
    expect(attendanceNotYetOpen(session, new Date("2026-12-02T12:00:00Z"))).toBeNull();
    expect(attendanceNotYetOpen(session, new Date("2026-12-03T08:00:00Z"))).toBeNull();
  });

  it("counts a certificate valid only while the attendance stands", () => {
    expect(certificateValid({ certificateCode: "ABCD-EFGH-JKMN", attendance: "present", status: "registered" })).toBe(true);
    expect(certificateValid({ certificateCode: "ABCD-EFGH-JKMN", attendance: "excused", status: "registered" })).toBe(false);
    expect(certificateValid({ certificateCode: "ABCD-EFGH-JKMN", attendance: "present", status: "cancelled" })).toBe(false);
    expect(certificateValid({ certificateCode: null, attendance: "present" })).toBe(false);
  });
});

describe("grace period of mandatory trainings", () => {
  const today = "2026-12-02";
  it("starts the obligation at the later of rule and person", () => {
    expect(obligedSince("2026-11-01T10:00:00Z", "2020-01-01T08:00:00Z")).toBe("2026-11-01");
    expect(obligedSince("2020-01-01T08:00:00Z", "2026-11-15T08:00:00Z")).toBe("2026-11-15");
  });

  it("is due, not overdue, within the grace period of a new rule or new staff", () => {
    const since = "2026-11-01";
    expect(complianceStatus(null, 12, today, { obligedSince: since })).toEqual({ status: "due", dueDate: addDaysIso(since, GRACE_PERIOD_DAYS) });
    expect(complianceStatus(null, 12, today, { obligedSince: "2025-01-01" })).toEqual({ status: "overdue", dueDate: addDaysIso("2025-01-01", GRACE_PERIOD_DAYS) });
    // Attended trainings follow their renewal date as before.
    expect(complianceStatus("2026-06-01", 12, today, { obligedSince: since })).toEqual({ status: "compliant", dueDate: "2027-06-01" });
  });
});

describe("calendar status", () => {
  it("marks a waitlist place TENTATIVE and a seat CONFIRMED", () => {
    const base = { municipalityId: 1, title: "E-Akte", description: "", startsAt: "2026-12-01T08:00:00.000Z", endsAt: "2026-12-01T11:00:00.000Z", location: "Rathaus", onlineUrl: null, url: "https://x.example/t", cancelled: false };
    const text = buildCalendar("S", [{ ...base, id: 1, waitlisted: true }, { ...base, id: 2 }], "x.example");
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.component.getFirstPropertyValue("status"))).toEqual(["TENTATIVE", "CONFIRMED"]);
    expect(events[0].summary).toBe("Warteliste: E-Akte");
  });
});
