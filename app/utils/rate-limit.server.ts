import { lt, sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema";
import { getDb } from "./db.server";

export interface RateLimit {
  /** Requests allowed per window and key. */
  max: number;
  windowMs: number;
}

/**
 * Counts one request for `key` and says whether it is within the limit. The counter is read and
 * raised in one upsert (SQLite runs it atomically), so N parallel requests count N, in every worker.
 * Windows that ended are deleted on the way, which keeps the table as small as the set of recent
 * callers.
 */
export function hitRateLimit(key: string, limit: RateLimit, now = Date.now()): { allowed: boolean; retryAfterSeconds: number } {
  const db = getDb();
  db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, now - limit.windowMs)).run();
  const expired = sql`${rateLimits.windowStartedAt} + ${limit.windowMs} <= excluded.window_started_at`;
  const row = db
    .insert(rateLimits)
    .values({ key, hits: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`CASE WHEN ${expired} THEN 1 ELSE ${rateLimits.hits} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${expired} THEN excluded.window_started_at ELSE ${rateLimits.windowStartedAt} END`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStartedAt: rateLimits.windowStartedAt })
    .get();
  const retryAfterSeconds = Math.max(1, Math.ceil((row.windowStartedAt + limit.windowMs - now) / 1000));
  return { allowed: row.hits <= limit.max, retryAfterSeconds };
}
