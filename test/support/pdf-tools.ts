import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** Writes the PDF to a temp dir and runs poppler-utils on it (pdftotext, pdfinfo, pdfdetach). */
export function pdfTools(pdf: Uint8Array) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-pdf-"));
  const file = path.join(dir, "report.pdf");
  fs.writeFileSync(file, pdf);
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return {
    file,
    /** Text in reading layout; pages separated by form feeds. */
    text: (layout = true) => run("pdftotext", [...(layout ? ["-layout"] : []), file, "-"]),
    info: () => run("pdfinfo", [file]),
    pages: () => Number(/Pages:\s+(\d+)/.exec(run("pdfinfo", [file]))![1]),
    xmp: () => run("pdfinfo", ["-meta", file]),
    /** Font rows of `pdffonts`: name and whether it is embedded. */
    fonts: () =>
      run("pdffonts", [file])
        .trim()
        .split("\n")
        .slice(2)
        .map((line) => {
          const cols = line.trim().split(/\s+/);
          return { name: cols[0], embedded: cols[cols.length - 5] === "yes" };
        }),
    attachments: () => run("pdfdetach", ["-list", file]),
    /** The bytes of the embedded file with this name. */
    attachment: (name: string) => {
      const out = path.join(dir, `att-${name}`);
      const list = run("pdfdetach", ["-list", file]);
      const match = new RegExp(`^(\\d+): ${name.replace(/\./g, "\\.")}$`, "m").exec(list);
      if (!match) throw new Error(`no attachment ${name} in ${list}`);
      run("pdfdetach", ["-save", match[1], "-o", out, file]);
      return fs.readFileSync(out);
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The euro amounts printed in the table row whose line holds `label` (pdftotext -layout output), in
 * column order. Spacing and the wrapping of header cells do not matter, only that the row is one line.
 */
export function rowAmounts(text: string, label: string): string[] {
  const line = text.split("\n").find((l) => l.includes(label));
  if (!line) throw new Error(`no line with "${label}" in the PDF text`);
  return [...line.matchAll(/-?\d{1,3}(?:\.\d{3})*,\d{2}\u00a0?\s?€/g)].map((m) => m[0].replace(/\u00a0/g, " "));
}
