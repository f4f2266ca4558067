import type { ExportTable } from "../../utils/export-table";
import type { summariseCoverage } from "./compliance";

const yesNo = (meets: boolean | null) => (meets == null ? "–" : meets ? "ja" : "nein");
const percent = (bp: number | null) => (bp == null ? null : bp / 100);

/**
 * The training coverage per unit (the figure on /schulungen) as a table for CSV and XLSX, with the
 * Kommune's total as the last row. Quotas in percent (basis points / 100), counts as integers.
 */
export function coverageTable(coverage: ReturnType<typeof summariseCoverage>, municipalityName: string): ExportTable {
  return {
    title: "Schulungsquote",
    columns: [
      { header: "Einheit", kind: "text" },
      { header: "Beschäftigte", kind: "integer" },
      { header: "Geschult in den letzten 12 Monaten", kind: "integer" },
      { header: "Abgedeckt (inkl. Pflichtschulungen)", kind: "integer" },
      { header: "Schulungsquote", kind: "percent" },
      { header: "Zielquote", kind: "percent" },
      { header: "Ziel erreicht", kind: "text" },
    ],
    rows: [
      ...coverage.units.map((u) => [u.unitName, u.employees, u.trainedRecently, u.covered, percent(u.coverageBp), percent(coverage.targetBp), yesNo(u.meetsTarget)]),
      [
        `${municipalityName} gesamt`,
        coverage.total.employees,
        coverage.total.trainedRecently,
        coverage.total.covered,
        percent(coverage.total.coverageBp),
        percent(coverage.targetBp),
        yesNo(coverage.total.meetsTarget),
      ],
    ],
  };
}
