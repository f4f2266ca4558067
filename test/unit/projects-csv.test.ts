import { describe, expect, it } from "vitest";
import { type CsvLookups, type ProjectCsvRow, parseProjectsCsv, projectsToCsv } from "~/areas/projects/csv";

const lookups: CsvLookups = {
  fieldsOfAction: new Map([["bildung", 1], ["mobilität", 2]]),
  units: new Map([["schulamt", 10], ["fachbereich it", 11], ["stadtwerke musterstadt gmbh", 12]]),
  employeesByEmail: new Map([["peter@musterstadt.example", 100]]),
  goals: new Map([["lernplattform an allen schulen", 50]]),
  projects: new Map([
    [7, { version: 3, archived: false }],
    [8, { version: 1, archived: true }],
  ]),
};

const row: ProjectCsvRow = {
  id: 7,
  version: 3,
  title: "Lernplattform; Phase 1",
  description: 'Mehrzeilig\nmit "Anführungszeichen"',
  fieldOfAction: "Bildung",
  leadUnit: "Schulamt",
  involvedUnits: ["Fachbereich IT", "Stadtwerke Musterstadt GmbH"],
  projectLeadEmail: "peter@musterstadt.example",
  startDate: "2026-02-01",
  endDate: "2026-11-23",
  budgetPlannedCents: 123_456,
  budgetSpentCents: 0,
  ozgRelevant: true,
  efaReuse: false,
  goals: ["Lernplattform an allen Schulen"],
  status: "In Umsetzung",
};

describe("project CSV export", () => {
  it("writes Excel-compatible CSV: BOM, semicolons, CRLF, German numbers and dates", () => {
    const csv = projectsToCsv([row]);
    expect(csv.startsWith("\uFEFFID;Version;Titel;Beschreibung;Handlungsfeld;")).toBe(true);
    expect(csv).toContain("\r\n7;3;");
    expect(csv).toContain("\r\n");
    expect(csv).toContain(";1234,56;0,00;ja;nein;");
    expect(csv).toContain(";01.02.2026;23.11.2026;");
    expect(csv).toContain('"Lernplattform; Phase 1"');
  });

  it("keeps spreadsheet formulas out of text cells", () => {
    const csv = projectsToCsv([{ ...row, title: "=HYPERLINK(\"x\")" }]);
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    const parsed = parseProjectsCsv(csv, lookups);
    expect(parsed.ok && parsed.rows[0].values.title).toBe('=HYPERLINK("x")');
  });
});

describe("project CSV import parsing", () => {
  it("reads back what the export wrote (round trip)", () => {
    const parsed = parseProjectsCsv(projectsToCsv([row, { ...row, id: 0, version: 0 }]).replace(/\r\n0;0;/, "\r\n;;"), lookups);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rows[0]).toEqual({
      line: 2,
      id: 7,
      expectedVersion: 3,
      values: {
        title: "Lernplattform; Phase 1",
        description: 'Mehrzeilig\nmit "Anführungszeichen"',
        fieldOfActionId: 1,
        leadUnitId: 10,
        involvedUnitIds: [11, 12],
        goalIds: [50],
        projectLeadEmployeeId: 100,
        startDate: "2026-02-01",
        endDate: "2026-11-23",
        budgetPlannedCents: 123_456,
        budgetSpentCents: 0,
        ozgRelevant: true,
        efaReuse: false,
      },
    });
    expect(parsed.rows[1].id).toBeNull();
    expect(parsed.rows[1].expectedVersion).toBeNull();
  });

  it("reports every error of every row with its row number", () => {
    const csv = [
      "Titel;Beschreibung;Handlungsfeld;Federführende Einheit;Projektleitung (E-Mail);Beginn;Ende;Budget geplant (EUR);Budget verausgabt (EUR);OZG-relevant;Nachnutzung/EfA",
      "Gutes Projekt;;Bildung;Schulamt;;01.01.2026;31.12.2026;1.000,00;0;ja;nein",
      "X;;Kultur;Schulamt;;31.12.2026;01.01.2026;1.000,00;0;ja;nein",
      "Drittes Projekt;;Bildung;Bauamt;nobody@example.org;45.13.2026;;viel;0;vielleicht;nein",
    ].join("\r\n");
    const parsed = parseProjectsCsv(csv, lookups);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual([
      "Zeile 3: Der Titel fehlt oder ist kürzer als 3 Zeichen.",
      "Zeile 3: Das Handlungsfeld „Kultur“ gibt es in der Digitalagenda nicht.",
      "Zeile 3: Das Ende liegt vor dem Beginn.",
      "Zeile 4: Die Einheit „Bauamt“ gibt es nicht.",
      "Zeile 4: Für die Projektleitung „nobody@example.org“ gibt es keine Beschäftigte / keinen Beschäftigten.",
      "Zeile 4: Der Beginn „45.13.2026“ ist kein gültiges Datum (TT.MM.JJJJ).",
      "Zeile 4: Das geplante Budget „viel“ ist kein gültiger Betrag (z. B. 12.500,00).",
      "Zeile 4: „OZG-relevant“ muss „ja“ oder „nein“ sein, nicht „vielleicht“.",
    ]);
  });

  it("refuses unknown ids (e.g. another Kommune's project), duplicates and missing columns", () => {
    const header = "ID;Version;Titel;Handlungsfeld;Federführende Einheit;Beschreibung;Projektleitung (E-Mail);Beginn;Ende;Budget geplant (EUR);Budget verausgabt (EUR);OZG-relevant;Nachnutzung/EfA";
    const parsed = parseProjectsCsv(`${header}\r\n999;1;Fremdes Projekt;Bildung;Schulamt;;;;;;;;\r\n7;3;A1 Projekt;Bildung;Schulamt;;;;;;;;\r\n7;3;A2 Projekt;Bildung;Schulamt;;;;;;;;`, lookups);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "Zeile 2: Ein Projekt mit der ID 999 gibt es in dieser Kommune nicht. Lassen Sie die ID für neue Projekte leer.",
        "Zeile 4: Die ID 7 kommt mehrfach vor.",
      ],
    });
    const missing = parseProjectsCsv("Titel;Handlungsfeld\r\nA;B", lookups);
    expect(missing.ok === false && missing.errors[0]).toMatch(/^Zeile 1: Es fehlen die Spalten „Beschreibung“/);
    expect(parseProjectsCsv("", lookups)).toEqual({ ok: false, errors: ["Die Datei ist leer."] });
  });
});

describe("project CSV import version check", () => {
  const header = "ID;Version;Titel;Handlungsfeld;Federführende Einheit;Beschreibung;Projektleitung (E-Mail);Beginn;Ende;Budget geplant (EUR);Budget verausgabt (EUR);OZG-relevant;Nachnutzung/EfA";
  const line = (id: string, version: string) => `${id};${version};Lernplattform;Bildung;Schulamt;;;;;;;;`;

  it("accepts an update row whose version is the current one", () => {
    const parsed = parseProjectsCsv(`${header}\r\n${line("7", "3")}`, lookups);
    expect(parsed.ok && parsed.rows[0]).toMatchObject({ id: 7, expectedVersion: 3 });
  });

  it("refuses a stale row with its row number, and rows without or with a broken version", () => {
    const parsed = parseProjectsCsv([header, line("", ""), line("7", "2"), line("7", ""), line("7", "drei")].join("\r\n"), lookups);
    expect(parsed).toEqual({
      ok: false,
      errors: [
        "Zeile 3: Das Projekt wurde seit dem Export geändert (Version 2 in der Datei, aktuell 3). Bitte exportieren Sie erneut und übertragen Sie Ihre Änderungen, damit keine Änderung verloren geht.",
        "Zeile 4: Für die Aktualisierung von Projekt 7 fehlt die Version. Bitte verwenden Sie einen aktuellen Export (Spalte „Version“).",
        "Zeile 5: Die Version „drei“ ist keine gültige Versionsnummer.",
      ],
    });
  });

  it("refuses updates of archived projects", () => {
    const parsed = parseProjectsCsv(`${header}\r\n${line("8", "1")}`, lookups);
    expect(parsed).toEqual({
      ok: false,
      errors: ["Zeile 2: Das Projekt 8 ist archiviert und kann nicht geändert werden. Holen Sie es zuerst aus dem Archiv."],
    });
  });

  it("needs no Version column for a file of new projects only", () => {
    const csv = "Titel;Handlungsfeld;Federführende Einheit;Beschreibung;Projektleitung (E-Mail);Beginn;Ende;Budget geplant (EUR);Budget verausgabt (EUR);OZG-relevant;Nachnutzung/EfA\r\nNeues Projekt;Bildung;Schulamt;;;;;;;;";
    const parsed = parseProjectsCsv(csv, lookups);
    expect(parsed.ok && parsed.rows[0]).toMatchObject({ id: null, expectedVersion: null });
  });
});
