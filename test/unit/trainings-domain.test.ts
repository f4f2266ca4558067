import fc from "fast-check";
import { addMonthsIso } from "~/utils/calendar";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { parseAttendanceCsv } from "~/areas/trainings/attendance-csv";
import { newCertificateCode, normaliseCertificateCode } from "~/areas/trainings/certificate-code";
import { complianceStatus, coverageSince, renewalDueDate, summariseCoverage } from "~/areas/trainings/compliance";
import { buildCalendar } from "~/areas/trainings/ical";
import { formatHours, parseHoursToMinutes } from "~/areas/trainings/labels";
import { checkProofFile } from "~/areas/trainings/proof-file";
import { berlinDate, berlinToUtcIso } from "~/areas/trainings/time";
import { placeFor, promotions, waitlistOrder, waitlistPosition } from "~/areas/trainings/waitlist";

describe("waitlist", () => {
  it("gives seats while free, then waitlist places", () => {
    expect(placeFor(2, 0)).toBe("registered");
    expect(placeFor(2, 1)).toBe("registered");
    expect(placeFor(2, 2)).toBe("waitlisted");
  });

  it("orders by request time, ties by id", () => {
    const list = [
      { id: 5, requestedAt: "2026-01-02T10:00:00.000Z" },
      { id: 3, requestedAt: "2026-01-01T10:00:00.000Z" },
      { id: 4, requestedAt: "2026-01-02T10:00:00.000Z" },
    ];
    expect(waitlistOrder(list).map((e) => e.id)).toEqual([3, 4, 5]);
    expect(waitlistPosition(5, list)).toBe(3);
    expect(waitlistPosition(99, list)).toBeNull();
  });

  it("promotes exactly as many as seats are free, first come first served", () => {
    const list = [
      { id: 2, requestedAt: "b" },
      { id: 1, requestedAt: "a" },
      { id: 3, requestedAt: "c" },
    ];
    expect(promotions(10, 9, list).map((e) => e.id)).toEqual([1]);
    expect(promotions(10, 8, list).map((e) => e.id)).toEqual([1, 2]);
    expect(promotions(10, 10, list)).toEqual([]);
    expect(promotions(10, 12, list)).toEqual([]);
  });

  it("never promotes more than the free seats or out of order (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 20 }), (capacity, taken, times) => {
        const list = times.map((t, i) => ({ id: i + 1, requestedAt: String(t).padStart(5, "0") }));
        const moved = promotions(capacity, taken, list);
        expect(moved.length).toBe(Math.min(Math.max(0, capacity - taken), list.length));
        expect(moved).toEqual(waitlistOrder(list).slice(0, moved.length));
      }),
    );
  });
});

describe("renewals and compliance", () => {
  it("adds months with month-end clamping", () => {
    expect(addMonthsIso("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsIso("2024-02-29", 12)).toBe("2025-02-28");
    expect(renewalDueDate("2025-06-15", 12)).toBe("2026-06-15");
    expect(renewalDueDate("2025-06-15", null)).toBeNull();
    expect(coverageSince("2026-11-25")).toBe("2025-11-25");
  });

  it("classifies compliant, due (within 60 days), overdue and never attended", () => {
    const today = "2026-11-25";
    expect(complianceStatus(null, 12, today)).toEqual({ status: "overdue", dueDate: null });
    expect(complianceStatus("2026-06-01", 12, today)).toEqual({ status: "compliant", dueDate: "2027-06-01" });
    expect(complianceStatus("2025-12-20", 12, today)).toEqual({ status: "due", dueDate: "2026-12-20" });
    expect(complianceStatus("2025-11-25", 12, today)).toEqual({ status: "overdue", dueDate: "2026-11-25" });
    expect(complianceStatus("2010-01-01", null, today)).toEqual({ status: "compliant", dueDate: null });
  });

  it("computes coverage shares per unit and in total against the target", () => {
    const result = summariseCoverage(
      [
        { unitId: 1, unitName: "A", employees: 10, trainedRecently: 9, covered: 8 },
        { unitId: 2, unitName: "B", employees: 4, trainedRecently: 2, covered: 1 },
        { unitId: 3, unitName: "C", employees: 0, trainedRecently: 0, covered: 0 },
      ],
      8000,
    );
    expect(result.units.map((u) => [u.coverageBp, u.meetsTarget])).toEqual([
      [8000, true],
      [2500, false],
      [null, null],
    ]);
    expect(result.total).toMatchObject({ employees: 14, covered: 9, coverageBp: 6429, meetsTarget: false });
  });
});

describe("attendance CSV", () => {
  it("accepts a BOM, semicolons and German status words", () => {
    const result = parseAttendanceCsv("\uFEFFPersonalnummer;E-Mail;Anwesenheit\n1001;;anwesend\n1002;;Entschuldigt\n;a@b.de;abwesend\n");
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.personnelNumber, r.email, r.attendance])).toEqual([
      [2, "1001", null, "present"],
      [3, "1002", null, "excused"],
      [4, null, "a@b.de", "absent"],
    ]);
    expect(parseAttendanceCsv("Name;Personalnummer;Anwesenheit\nMuster;1001;ja\n").rows[0]).toMatchObject({ personnelNumber: "1001", attendance: "present" });
  });

  it("reports every bad row with its line number in German", () => {
    const result = parseAttendanceCsv("Personalnummer;Anwesenheit\n1001;vielleicht\n;anwesend\n1003;anwesend\n1003;abwesend\n");
    expect(result.errors).toEqual([
      "Zeile 2: Anwesenheit „vielleicht“ ist ungültig (erlaubt: anwesend, abwesend, entschuldigt).",
      "Zeile 3: Personalnummer oder E-Mail fehlt.",
      "Zeile 5: Person steht schon in Zeile 4.",
    ]);
  });

  it("rejects missing columns and empty files", () => {
    expect(parseAttendanceCsv("Personalnummer;Status\n1;anwesend\n").errors[0]).toMatch(/Es fehlen Spalten: Anwesenheit/);
    expect(parseAttendanceCsv("").errors).toEqual(["Die Datei ist leer."]);
  });
});

describe("certificate codes", () => {
  it("are grouped, unambiguous and survive sloppy typing", () => {
    const code = newCertificateCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(normaliseCertificateCode(code.toLowerCase().replace(/-/g, " "))).toBe(code);
    expect(normaliseCertificateCode("abc")).toBeNull();
    expect(normaliseCertificateCode("UUUU-UUUU-UUUU")).toBeNull();
    const fixed = newCertificateCode(() => Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 31]));
    expect(fixed).toBe("0123-4567-89AZ");
    expect(normaliseCertificateCode("O123-4567-89az")).toBe("0123-4567-89AZ");
  });
});

describe("hours, times and proof files", () => {
  it("parses and formats German hours", () => {
    expect(parseHoursToMinutes("1,5")).toBe(90);
    expect(parseHoursToMinutes("0")).toBeNull();
    expect(parseHoursToMinutes("abc")).toBeNull();
    expect(formatHours(90)).toBe("1,5 Std.");
  });

  it("converts Berlin wall-clock time across DST", () => {
    expect(berlinToUtcIso("2026-07-01", "09:00")).toBe("2026-07-01T07:00:00.000Z");
    expect(berlinToUtcIso("2026-12-01", "09:00")).toBe("2026-12-01T08:00:00.000Z");
    expect(berlinToUtcIso("2026-02-30", "09:00")).toBeNull();
    expect(berlinDate("2026-12-01T23:30:00.000Z")).toBe("2026-12-02");
  });

  it("checks proof uploads by content and size", () => {
    expect(checkProofFile(new TextEncoder().encode("%PDF-1.7 ..."))).toEqual({ ok: true, mime: "application/pdf" });
    expect(checkProofFile(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toEqual({ ok: true, mime: "image/png" });
    expect(checkProofFile(new TextEncoder().encode("MZ executable"))).toEqual({ ok: false, message: "Als Nachweis sind nur PDF-, PNG- oder JPEG-Dateien erlaubt." });
    expect(checkProofFile(new Uint8Array(0)).ok).toBe(false);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set([0x25, 0x50, 0x44, 0x46]);
    expect(checkProofFile(big)).toMatchObject({ ok: false, message: expect.stringMatching(/größer als 5 MB/) });
  });
});

describe("iCalendar", () => {
  it("produces an RFC 5545 calendar with a Europe/Berlin VTIMEZONE that ical.js reads back", () => {
    const text = buildCalendar(
      "Schulungen",
      [
        {
          id: 7,
          municipalityId: 1,
          title: "E-Akte Grundlagen",
          description: "Einführung; mit Übungen",
          startsAt: "2026-12-01T08:00:00.000Z",
          endsAt: "2026-12-01T11:00:00.000Z",
          location: "Rathaus, Raum 101",
          onlineUrl: null,
          url: "https://fahrplan.example/schulungen/termine/7",
          cancelled: false,
        },
        {
          id: 8,
          municipalityId: 1,
          title: "IT-Sicherheit",
          description: "",
          startsAt: "2026-07-01T07:00:00.000Z",
          endsAt: "2026-07-01T09:00:00.000Z",
          location: null,
          onlineUrl: "https://meet.example/abc",
          url: "https://fahrplan.example/schulungen/termine/8",
          cancelled: true,
        },
      ],
      "fahrplan.example",
    );
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin");
    const component = new ICAL.Component(ICAL.parse(text));
    expect(component.getFirstPropertyValue("version")).toBe("2.0");
    const tz = new ICAL.Timezone(component.getFirstSubcomponent("vtimezone")!);
    ICAL.TimezoneService.register(tz, "Europe/Berlin");
    const events = component.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    expect(events[0].summary).toBe("E-Akte Grundlagen");
    expect(events[0].uid).toBe("schulungstermin-1-7@fahrplan.example");
    expect(events[0].startDate.zone.tzid).toBe("Europe/Berlin");
    expect(events[0].startDate.toString()).toBe("2026-12-01T09:00:00");
    expect(events[0].startDate.toJSDate().toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(events[1].startDate.toString()).toBe("2026-07-01T09:00:00");
    expect(events[1].startDate.toJSDate().toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(events[1].summary).toBe("Abgesagt: IT-Sicherheit");
    expect(events[1].component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(events[1].location).toBe("https://meet.example/abc");
  });
});
