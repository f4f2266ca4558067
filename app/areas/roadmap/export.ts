import { CLASSIFICATION_LABELS } from "../assessment/classify";
import type { ExportTable } from "../../utils/export-table";
import type { RoadmapEntry } from "./roadmap.server";

/**
 * The Fahrplan as a table (the same filter and projects as the page and the PDF), for the CSV and
 * XLSX downloads: one row per project with its dates, state, assessment and next milestone.
 */
export function roadmapTable(entries: readonly RoadmapEntry[], today: string): ExportTable {
  const titles = new Map(entries.map((e) => [e.id, e.title]));
  return {
    title: "Fahrplan",
    columns: [
      { header: "Handlungsfeld", kind: "text" },
      { header: "Projekt", kind: "text" },
      { header: "Federführende Einheit", kind: "text" },
      { header: "Status", kind: "text" },
      { header: "Bewertung", kind: "text" },
      { header: "Beginn", kind: "date", csvDate: "german" },
      { header: "Ende", kind: "date", csvDate: "german" },
      { header: "Meilensteine offen", kind: "integer" },
      { header: "davon überfällig", kind: "integer" },
      { header: "Nächster Meilenstein", kind: "text" },
      { header: "Nächster Meilenstein fällig", kind: "date", csvDate: "german" },
      { header: "Abhängig von", kind: "text" },
    ],
    rows: entries.map((e) => {
      const open = e.milestones.filter((m) => !m.done).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      return [
        e.fieldOfActionName,
        e.title,
        e.leadUnitName,
        e.stateLabel,
        e.classification ? CLASSIFICATION_LABELS[e.classification] : "nicht bewertet",
        e.startDate,
        e.endDate,
        open.length,
        open.filter((m) => m.dueDate < today).length,
        open[0]?.title ?? "",
        open[0]?.dueDate ?? null,
        e.dependsOn.map((id) => titles.get(id) ?? `Projekt ${id}`).join(" | "),
      ];
    }),
  };
}
