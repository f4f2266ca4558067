import { describe, expect, it } from "vitest";
import { MAX_DOCUMENT_BYTES, checkDocument } from "~/areas/funding/documents";

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);

describe("document check", () => {
  it("accepts PDFs, images and office files whose content matches the extension", () => {
    expect(checkDocument({ name: "Plan.PDF", size: 10, head: bytes(0x25, 0x50, 0x44, 0x46) })).toEqual({ ok: true, mimeType: "application/pdf" });
    expect(checkDocument({ name: "foto.jpg", size: 10, head: bytes(0xff, 0xd8, 0xff) })).toEqual({ ok: true, mimeType: "image/jpeg" });
    expect(checkDocument({ name: "kosten.xlsx", size: 10, head: bytes(0x50, 0x4b, 0x03, 0x04) }).ok).toBe(true);
    expect(checkDocument({ name: "alt.doc", size: 10, head: bytes(0xd0, 0xcf, 0x11, 0xe0) }).ok).toBe(true);
  });

  it("refuses other types, renamed files, empty and oversized files with German messages", () => {
    expect(checkDocument({ name: "setup.exe", size: 10, head: bytes(0x4d, 0x5a) })).toEqual({ ok: false, message: expect.stringContaining("Dateityp „.exe“ ist nicht erlaubt") });
    expect(checkDocument({ name: "rechnung.pdf", size: 10, head: bytes(0x3c, 0x68) })).toEqual({ ok: false, message: "Der Inhalt der Datei passt nicht zur Endung „.pdf“. Bitte laden Sie die Originaldatei hoch." });
    expect(checkDocument({ name: "leer.pdf", size: 0, head: bytes() })).toEqual({ ok: false, message: "Die Datei ist leer." });
    expect(checkDocument({ name: "gross.pdf", size: MAX_DOCUMENT_BYTES + 1, head: bytes(0x25, 0x50, 0x44, 0x46) })).toEqual({ ok: false, message: "Die Datei ist 20,0 MB groß; erlaubt sind höchstens 20 MB." });
    expect(checkDocument({ name: "ohne-endung", size: 5, head: bytes() })).toEqual({ ok: false, message: expect.stringContaining("Dateityp „.?“") });
  });
});
