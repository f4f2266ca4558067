import { describe, expect, it } from "vitest";
import { parseProjectsCsv } from "~/areas/projects/csv";
import { readSemicolonCsv } from "~/areas/employees/csv-read";
import { cleanFormData, cleanText } from "~/utils/text";

const OVERRIDES = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"];

describe("cleanText", () => {
  it("removes NUL, other control characters and every bidi embedding, override and isolate", () => {
    for (const c of [...OVERRIDES, "\u0000", "\u0001", "\u001b", "\u007f"]) {
      expect(cleanText(`Rech${c}nung`), JSON.stringify(c)).toBe("Rechnung");
    }
    // "Trojan Source": displayed as "Beleg-exe.pdf", stored as "Beleg-\u202Efdp.exe"
    expect(cleanText("Beleg-\u202efdp.exe")).toBe("Beleg-fdp.exe");
  });

  it("keeps tabs, line breaks, umlauts and the direction marks needed for mixed-script names", () => {
    const kept = "Zeile 1\r\nZeile 2\tÄÖÜß \u200fعلي\u200e Müller \u061c";
    expect(cleanText(kept)).toBe(kept);
  });
});

describe("cleanFormData", () => {
  it("cleans every text value, keeps repeated fields in order and leaves files alone", async () => {
    const form = new FormData();
    form.append("title", "A\u0000B\u202e");
    form.append("unit", "1\u2066");
    form.append("unit", "2");
    const file = new File(["a\u0000b"], "x.csv");
    form.append("file", file);
    cleanFormData(form);
    expect(form.get("title")).toBe("AB");
    expect(form.getAll("unit")).toEqual(["1", "2"]);
    expect(await (form.get("file") as File).text()).toBe("a\u0000b");
  });
});

describe("CSV imports clean their cells", () => {
  it("the shared semicolon reader (employees, attendance)", () => {
    const read = readSemicolonCsv("Name;E-Mail\r\nMa\u202ex\u0000;max@example.de\r\n", ["Name", "E-Mail"]);
    expect(read.ok && read.rows[0].values).toMatchObject({ Name: "Max", "E-Mail": "max@example.de" });
  });

  it("the project import", () => {
    const csv = "Titel;Handlungsfeld;Federführende Einheit;Beschreibung;Projektleitung (E-Mail);Beginn;Ende;Budget geplant (EUR);Budget verausgabt (EUR);OZG-relevant;Nachnutzung/EfA\r\nPro\u202ejekt\u0000 Lernplattform;Bildung;Schulamt;;;;;;;;\r\n";
    const parsed = parseProjectsCsv(csv, { fieldsOfAction: new Map([["bildung", 1]]), units: new Map([["schulamt", 10]]), employeesByEmail: new Map(), goals: new Map(), projects: new Map() });
    expect(parsed.ok && parsed.rows[0].values.title).toBe("Projekt Lernplattform");
  });
});
