import { json } from "@remix-run/node";
import { getSqlite } from "~/utils/db.server";

export async function loader() {
  try {
    getSqlite().prepare("SELECT 1").get();
    return json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("[healthz] database check failed", error);
    return json({ status: "error", database: "unavailable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
