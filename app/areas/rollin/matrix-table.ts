import type { ExportTable } from "../../utils/export-table";
import { STEP_STATUS_LABELS } from "./programme-template";
import type { ProgrammeMatrix } from "./matrix.server";

/**
 * The matrix as the one export table (CSV and XLSX read the same): one line per Kommune and
 * step, in the matrix's order, with typed values (percent as a number, due date ISO).
 */
export function programmeMatrixTable(matrix: Pick<ProgrammeMatrix, "template" | "columns" | "rows">): ExportTable {
  const rows: (string | number | null)[][] = [];
  for (const r of matrix.rows) {
    matrix.columns.forEach((col, i) => {
      const c = r.cells[i];
      if (!c) return;
      rows.push([r.name, c.templateVersion, col.phase, col.title, col.responsibleRole, STEP_STATUS_LABELS[c.status], c.percent, c.dueDate, c.overdue ? "ja" : "nein", c.ownerName ?? ""]);
    });
  }
  return {
    title: `Matrix ${matrix.template.name}`.slice(0, 31),
    columns: [
      { header: "Kommune", kind: "text" },
      { header: "Version", kind: "integer" },
      { header: "Phase", kind: "text" },
      { header: "Schritt", kind: "text" },
      { header: "Verantwortlich", kind: "text" },
      { header: "Status", kind: "text" },
      { header: "Checkliste %", kind: "percent" },
      { header: "Fällig", kind: "date", csvDate: "german" },
      { header: "Überfällig", kind: "text" },
      { header: "Zuständig", kind: "text" },
    ],
    rows,
  };
}
