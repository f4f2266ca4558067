/** Proof uploads for external trainings: what is accepted, checked by content, not by name. */
export const MAX_PROOF_BYTES = 5 * 1024 * 1024;

const SIGNATURES: { mime: string; label: string; test: (b: Uint8Array) => boolean }[] = [
  { mime: "application/pdf", label: "PDF", test: (b) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 },
  { mime: "image/png", label: "PNG", test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { mime: "image/jpeg", label: "JPEG", test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
];

/** The detected type, or a German message explaining what is wrong. */
export function checkProofFile(bytes: Uint8Array): { ok: true; mime: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: "Die Datei ist leer." };
  if (bytes.length > MAX_PROOF_BYTES) return { ok: false, message: "Die Datei ist größer als 5 MB. Bitte laden Sie eine kleinere Datei hoch." };
  const match = SIGNATURES.find((s) => s.test(bytes));
  if (!match) return { ok: false, message: "Als Nachweis sind nur PDF-, PNG- oder JPEG-Dateien erlaubt." };
  return { ok: true, mime: match.mime };
}
