import { redirect } from "@remix-run/node";
import { eq, sql } from "drizzle-orm";
import { municipalities, users } from "../../db/schema";
import type { MunicipalityKind, Role } from "../../db/schema/org";
import {
  type AccessibleMunicipality,
  accessibleMunicipalities,
} from "../areas/auth/access.server";
import type { Actor } from "./audit.server";
import { preparedQuery } from "./db.server";
import { forbidden } from "./http.server";
import { type Permission, can } from "./permissions";
import { readSession } from "./session.server";
import type { Tenant } from "./tenant.server";

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

/** Everything a loader or action knows about the caller; the tenant comes from the session only. */
export interface AppContext extends Tenant {
  sessionId: string;
  user: SessionUser;
  actor: Actor;
  municipality: { id: number; name: string; kind: MunicipalityKind };
  role: Role;
  /** The employee record linked to this user in the current Kommune, if any. */
  employeeId: number | null;
  municipalities: AccessibleMunicipality[];
  can(permission: Permission): boolean;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const to = url.pathname + url.search;
  throw redirect(to && to !== "/" ? `/login?redirectTo=${encodeURIComponent(to)}` : "/login");
}

/** The signed-in user, or a redirect to the login page. */
export async function requireUser(request: Request): Promise<{ sessionId: string; user: SessionUser; municipalityId: number | null }> {
  const session = await readSession(request);
  if (!session) loginRedirect(request);
  const user = preparedQuery("context.user", (db) =>
    db
      .select({ id: users.id, email: users.email, name: users.name, isPlatformAdmin: users.isPlatformAdmin, active: users.active })
      .from(users)
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: session.userId });
  if (!user || !user.active) loginRedirect(request);
  return {
    sessionId: session.id,
    user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin },
    municipalityId: session.municipalityId,
  };
}

/**
 * The caller's context in their current Kommune. With a permission, answers 403 when the
 * caller's role lacks it. Every loader and action starts with this.
 */
export async function requireContext(request: Request, permission?: Permission): Promise<AppContext> {
  // The layout's and the page's loaders run for the same Request: resolve the caller once.
  let pending = contexts.get(request);
  if (!pending) {
    pending = resolveContext(request);
    contexts.set(request, pending);
  }
  const ctx = await pending;
  if (permission && !ctx.can(permission)) forbidden();
  return ctx;
}

const contexts = new WeakMap<Request, Promise<AppContext>>();

async function resolveContext(request: Request): Promise<AppContext> {
  const { sessionId, user, municipalityId } = await requireUser(request);
  const list = accessibleMunicipalities(user.id);
  const current = list.find((m) => m.id === municipalityId) ?? list[0];
  if (!current) forbidden("Ihr Konto ist keiner Kommune zugeordnet. Bitte wenden Sie sich an die Administration.");
  const municipality = preparedQuery("context.municipality", (db) =>
    db
      .select({ id: municipalities.id, name: municipalities.name, kind: municipalities.kind })
      .from(municipalities)
      .where(eq(municipalities.id, sql.placeholder("id")))
      .prepare(),
  ).get({ id: current.id })!;
  const ctx: AppContext = {
    sessionId,
    user,
    actor: { userId: user.id, label: user.email },
    municipalityId: current.id,
    municipality,
    role: current.role,
    employeeId: current.employeeId,
    municipalities: list,
    can: (p) => can(current.role, p),
  };
  return ctx;
}
