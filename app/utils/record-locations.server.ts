import { json } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import { fundingApplications, goals, projects, teams, trainingSessions } from "../../db/schema";
import type { AppContext } from "./context.server";
import { type DbOrTx, getDb } from "./db.server";
import { notFound } from "./http.server";
import { type Permission, can } from "./permissions";
import type { TenantTable } from "./tenant.server";

/** Records that detail pages link to, with the permission that opens them. */
const RECORD_KINDS = {
  project: { table: projects, permission: "project.view" },
  application: { table: fundingApplications, permission: "funding.view" },
  team: { table: teams, permission: "team.view" },
  session: { table: trainingSessions, permission: "training.view" },
  goal: { table: goals, permission: "agenda.edit" },
} satisfies Record<string, { table: TenantTable; permission: Permission }>;

export type RecordKind = keyof typeof RECORD_KINDS;

/** What the 404 page offers when the record lives in another Kommune the caller may open. */
export interface SwitchOffer {
  municipalityId: number;
  name: string;
  returnTo: string;
}

/**
 * The other Kommune of the caller in which the record exists and the caller's role there may open
 * it; null for everyone else, so that a 404 never tells a stranger that the id exists.
 */
export function switchOfferFor(
  ctx: Pick<AppContext, "municipalityId" | "municipalities">,
  kind: RecordKind,
  id: number,
  returnTo: string,
  db: DbOrTx = getDb(),
): SwitchOffer | null {
  const { table, permission } = RECORD_KINDS[kind];
  const own = ctx.municipalities.map((m) => m.id);
  if (own.length === 0) return null;
  // Only among the caller's own Kommunen; only the owning Kommune's id is read.
  const row = db.select({ municipalityId: table.municipalityId }).from(table).where(and(inArray(table.municipalityId, own), eq(table.id, id))).get() as
    | { municipalityId: number }
    | undefined;
  if (!row || row.municipalityId === ctx.municipalityId) return null;
  const target = ctx.municipalities.find((m) => m.id === row.municipalityId);
  if (!target || !can(target.role, permission)) return null;
  return { municipalityId: target.id, name: target.name, returnTo };
}

/**
 * Returns the record, or answers 404 — with an offer to switch Kommune when the record belongs to
 * another Kommune the caller may open.
 */
export function orNotFoundHere<T>(
  value: T | undefined | null,
  ctx: Pick<AppContext, "municipalityId" | "municipalities">,
  request: Request,
  kind: RecordKind,
  id: number,
  message?: string,
): T {
  if (value !== undefined && value !== null) return value;
  const url = new URL(request.url);
  const offer = switchOfferFor(ctx, kind, id, url.pathname + url.search);
  if (!offer) notFound(message);
  throw json(
    {
      message: `Dieser Datensatz gehört zur Kommune ${offer.name}. Sie sind gerade in einer anderen Kommune angemeldet.`,
      switchTo: offer,
    },
    { status: 404, statusText: "Not Found" },
  );
}
