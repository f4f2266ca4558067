import { json } from "@remix-run/node";
import { getSqlite } from "~/utils/db.server";
import { logger } from "~/utils/logger.server";

export async function loader() {
  try {
    getSqlite().prepare("SELECT 1").get();
    return json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    logger.error({ err: error }, "health check: database check failed");
    return json({ status: "error", database: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
