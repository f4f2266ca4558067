import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { getDb } from "../../app/utils/db.server";
import { csrfToken } from "../../app/utils/csrf.server";
import { startSession } from "../../app/utils/session.server";
import { accessibleMunicipalities } from "../../app/areas/auth/access.server";

const BASE = "http://localhost";

type RouteFn = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown;

export interface Caller {
  userId: number;
  cookie: string;
  csrf: string;
}

function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0];
}

/** A signed-in caller for the demo login with this e-mail (optionally in a given Kommune). */
export async function signIn(email: string, municipalityName?: string): Promise<Caller> {
  const user = getDb().select().from(users).where(eq(users.email, email)).get();
  if (!user) throw new Error(`no demo user ${email}`);
  const list = accessibleMunicipalities(user.id);
  const municipality = municipalityName ? list.find((m) => m.name === municipalityName) : list[0];
  if (municipalityName && !municipality) throw new Error(`${email} has no access to ${municipalityName}`);
  const request = new Request(BASE);
  const session = await startSession(request, user.id, municipality?.id ?? null);
  const { token, setCookie } = await csrfToken(request);
  return { userId: user.id, cookie: `${cookiePair(session)}; ${cookiePair(setCookie!)}`, csrf: token };
}

/** Any thrown Response (redirects, 404s) is returned, so tests can assert on it. */
async function settle(result: Promise<unknown>): Promise<Response> {
  const value = await result.catch((e: unknown) => e);
  if (value instanceof Response) return value;
  if (value instanceof Error) throw value;
  return new Response(JSON.stringify(value ?? null), { status: 200, headers: { "Content-Type": "application/json" } });
}

export async function callLoader(
  loader: RouteFn,
  path: string,
  options: { caller?: Caller; params?: Record<string, string>; context?: Record<string, unknown> } = {},
): Promise<Response> {
  const request = new Request(BASE + path, { headers: options.caller ? { Cookie: options.caller.cookie } : {} });
  return settle(Promise.resolve().then(() => loader({ request, params: options.params ?? {}, context: options.context ?? {} })));
}

export async function callAction(
  action: RouteFn,
  path: string,
  options: {
    caller?: Caller;
    params?: Record<string, string>;
    form?: Record<string, string | string[]> | FormData;
    context?: Record<string, unknown>;
    /** Leave out the CSRF token, to test the protection. */
    withoutCsrf?: boolean;
  } = {},
): Promise<Response> {
  let body: FormData;
  if (options.form instanceof FormData) body = options.form;
  else {
    body = new FormData();
    for (const [key, value] of Object.entries(options.form ?? {})) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
  }
  if (options.caller && !options.withoutCsrf && !body.has("csrf")) body.set("csrf", options.caller.csrf);
  const request = new Request(BASE + path, {
    method: "POST",
    body,
    headers: options.caller ? { Cookie: options.caller.cookie } : {},
  });
  return settle(Promise.resolve().then(() => action({ request, params: options.params ?? {}, context: options.context ?? {} })));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON bodies by shape and assert on them
export async function jsonBody<T = any>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
