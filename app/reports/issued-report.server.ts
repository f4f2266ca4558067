import { sql } from "drizzle-orm";
import { archivedReports } from "../../db/schema";

/**
 * An archived grant report that was issued: final, or vorzeitig with a reason. A report archived
 * before its period ended carries the "Entwurf" watermark in its snapshot and is "nicht zur
 * Einreichung bestimmt"; it neither opens the submit step nor locks the application's money.
 */
export function issuedReport() {
  return sql`json_extract(${archivedReports.dataSnapshot}, '$.watermark') IS NULL`;
}
