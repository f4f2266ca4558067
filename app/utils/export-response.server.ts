import { type ExportTable, exportTableToCsv } from "./export-table";
import { exportTableToXlsx } from "./xlsx.server";

export type ExportFormat = "csv" | "xlsx";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file name part without umlauts or separators: "Musterstadt an der Havel" → "musterstadt-an-der-havel". */
export function fileSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The download of one export table, as CSV or XLSX, private and never cached. */
export async function exportTableResponse(table: ExportTable, format: ExportFormat, baseName: string): Promise<Response> {
  const body = format === "csv" ? exportTableToCsv(table) : new Uint8Array(await exportTableToXlsx(table));
  return new Response(body, {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : XLSX_TYPE,
      "Content-Disposition": `attachment; filename="${baseName}.${format}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
