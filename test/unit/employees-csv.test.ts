import { describe, expect, it } from "vitest";
import { parseEmployeeCsv } from "~/areas/employees/hr-csv";

const HEADER = "Personalnummer;Nachname;Vorname;E-Mail;Organisationseinheit;Funktion;Führungskraft;Austrittsdatum";

describe("HR employee CSV", () => {
  it("reads a BOM export with German dates and yes/no flags", () => {
    const text = `\uFEFF${HEADER}\r\n2001;Schulz;Anna;anna.schulz@musterstadt.example;Bürgeramt;Sachbearbeitung;nein;\r\n2002;Öztürk;Deniz;;Hauptamt;Leitung;ja;31.12.2026\r\n`;
    const { rows, errors } = parseEmployeeCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { line: 2, personnelNumber: "2001", lastName: "Schulz", firstName: "Anna", unit: "Bürgeramt", email: "anna.schulz@musterstadt.example", jobTitle: "Sachbearbeitung", isSupervisor: false, leavingDate: null },
      { line: 3, personnelNumber: "2002", lastName: "Öztürk", firstName: "Deniz", unit: "Hauptamt", email: null, jobTitle: "Leitung", isSupervisor: true, leavingDate: "2026-12-31" },
    ]);
  });

  it("collects every error with its line number", () => {
    const text = `${HEADER}\n2001;;Anna;keine-mail;Bürgeramt;;vielleicht;\n2002;Meier;Max;;Hauptamt;;;32.01.2026\n2002;Meier;Moritz;;Hauptamt;;;\n;Lang;Lena;;;;;\n`;
    const { rows, errors } = parseEmployeeCsv(text);
    expect(rows).toEqual([]);
    expect(errors).toEqual([
      "Zeile 2: Nachname fehlt; E-Mail-Adresse ist ungültig; Führungskraft muss „ja“ oder „nein“ sein.",
      "Zeile 3: Austrittsdatum ist kein gültiges Datum (TT.MM.JJJJ).",
      "Zeile 4: Personalnummer 2002 steht schon in Zeile 3.",
      "Zeile 5: Personalnummer fehlt; Organisationseinheit fehlt.",
    ]);
  });

  it("rejects unknown and missing columns and too many values", () => {
    expect(parseEmployeeCsv("Personalnummer;Nachname;Vorname\n1;a;b\n").errors[0]).toMatch(/Es fehlen Spalten: Organisationseinheit/);
    expect(parseEmployeeCsv(`${HEADER};Gehalt\n`).errors[0]).toBe("Unbekannte Spalten: Gehalt.");
    expect(parseEmployeeCsv(`${HEADER}\n1;a;b;;Hauptamt;;;;zu;viel\n`).errors[0]).toMatch(/Zeile 2: mehr Werte/);
    expect(parseEmployeeCsv(HEADER).errors).toEqual(["Die Datei enthält keine Datenzeilen."]);
  });
});
