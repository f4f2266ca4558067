import SwaggerParser from "@apidevtools/swagger-parser";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { apiTokens, auditLog, memberships, projects } from "../../db/schema";
import * as tokenRoute from "~/routes/_app.konto_.api-token";
import * as projectsApi from "~/routes/api.v1.projects";
import * as coverageApi from "~/routes/api.v1.training-coverage";
import * as fundingApi from "~/routes/api.v1.funding-applications";
import * as openApiRoute from "~/routes/api.v1.openapi[.json]";
import { TOKEN_RATE_LIMIT } from "~/areas/api/tokens.server";
import { getDb } from "~/utils/db.server";
import { municipalityId, userId } from "../support/foundation";
import { callAction, signIn } from "../support/requests";

async function newToken(email: string, name = "Fachverfahren", lifetimeDays = "30"): Promise<string> {
  const caller = await signIn(email);
  const response = await callAction(tokenRoute.action as never, "/konto/api-token", { caller, form: { name, lifetimeDays } });
  expect(response.status).toBe(200);
  const body = await response.json();
  expect(body.token).toMatch(/^fp_/);
  return body.token as string;
}

function get(loader: unknown, path: string, token?: string, address = "10.0.0.1"): Promise<Response> {
  const request = new Request("http://localhost" + path, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return Promise.resolve((loader as (a: unknown) => Response)({ request, params: {}, context: { clientAddress: address } }));
}

describe("read API with personal tokens", () => {
  it("creates a token once (only its hash is stored, audited) and reads the caller's Kommune only", async () => {
    const token = await newToken("cdo@musterstadt.example");
    const row = getDb().select().from(apiTokens).orderBy(desc(apiTokens.id)).get()!;
    expect(row.tokenHash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
    const audit = getDb().select().from(auditLog).orderBy(desc(auditLog.id)).get()!;
    expect(audit.entity).toBe("apiToken");
    expect(audit.action).toBe("create");
    expect(JSON.stringify(audit)).not.toContain(token);

    const response = await get(projectsApi.loader, "/api/v1/projects", token);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("no-store");
    const body = await response.json();
    const own = getDb().select({ id: projects.id }).from(projects).where(eq(projects.municipalityId, municipalityId("Musterstadt"))).all();
    const ownIds = new Set(own.map((p) => p.id));
    expect(body.total).toBeGreaterThan(0);
    expect(body.data.every((p: { id: number }) => ownIds.has(p.id))).toBe(true);
    expect(body.data[0]).toHaveProperty("budgetPlannedCents");
  });

  it("refuses missing, wrong, revoked and expired tokens with 401 and the JSON error shape", async () => {
    const missing = await get(projectsApi.loader, "/api/v1/projects", undefined, "10.0.0.2");
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toContain("Bearer");
    expect((await missing.json()).error.code).toBe("unauthorized");
    expect((await get(projectsApi.loader, "/api/v1/projects", "fp_falsch", "10.0.0.2")).status).toBe(401);

    const token = await newToken("cdo@musterstadt.example", "Zum Widerrufen");
    const id = getDb().select().from(apiTokens).orderBy(desc(apiTokens.id)).get()!.id;
    const caller = await signIn("cdo@musterstadt.example");
    const revoke = await callAction(tokenRoute.action as never, "/konto/api-token", { caller, form: { intent: "revoke", tokenId: String(id) } });
    expect(revoke.status).toBe(302);
    expect((await get(projectsApi.loader, "/api/v1/projects", token, "10.0.0.2")).status).toBe(401);

    const expiring = await newToken("cdo@musterstadt.example", "Abgelaufen");
    getDb().update(apiTokens).set({ expiresAt: "2020-01-01T00:00:00.000Z" }).where(eq(apiTokens.prefix, expiring.slice(0, 8))).run();
    expect((await get(projectsApi.loader, "/api/v1/projects", expiring, "10.0.0.2")).status).toBe(401);
  });

  it("acts with the owner's role of today: a lost membership ends access at once", async () => {
    const token = await newToken("cdo@kleinhausen.example", "Kleinhausen");
    expect((await get(fundingApi.loader, "/api/v1/funding-applications", token)).status).toBe(200);
    const uid = userId("cdo@kleinhausen.example");
    const before = getDb().select().from(memberships).where(eq(memberships.userId, uid)).all();
    getDb().delete(memberships).where(eq(memberships.userId, uid)).run();
    try {
      expect((await get(fundingApi.loader, "/api/v1/funding-applications", token, "10.0.0.3")).status).toBe(401);
    } finally {
      for (const m of before) getDb().insert(memberships).values(m).run();
    }
  });

  it("answers malformed query parameters with 400 and writes with 405, never 500", async () => {
    const token = await newToken("cdo@musterstadt.example", "Abfragen");
    const bad = await get(projectsApi.loader, "/api/v1/projects?page=abc", token);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toContain("page");
    const post = (projectsApi.action as unknown as () => Response)();
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toBe("GET");
    expect((await get(coverageApi.loader, "/api/v1/training-coverage", token)).status).toBe(200);
  });

  it("limits the requests of one token per minute (429 with Retry-After)", async () => {
    const token = await newToken("cdo@musterstadt.example", "Viel");
    let last: Response | undefined;
    for (let i = 0; i <= TOKEN_RATE_LIMIT.max; i++) last = await get(coverageApi.loader, "/api/v1/training-coverage", token);
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("refuses a token name that is too short next to the field and stores nothing", async () => {
    const caller = await signIn("cdo@musterstadt.example");
    const count = getDb().select().from(apiTokens).all().length;
    const response = await callAction(tokenRoute.action as never, "/konto/api-token", { caller, form: { name: "x", lifetimeDays: "30" } });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("mindestens 3 Zeichen");
    expect(getDb().select().from(apiTokens).all().length).toBe(count);
  });

  it("publishes an OpenAPI 3.1 document that validates and names every endpoint", async () => {
    const response = await (openApiRoute.loader as unknown as (a: unknown) => Response)({ request: new Request("http://localhost/api/v1/openapi.json"), params: {}, context: {} });
    const document = await response.json();
    await SwaggerParser.validate(structuredClone(document));
    expect(Object.keys(document.paths).sort()).toEqual(["/funding-applications", "/projects", "/training-coverage", "/training-sessions"]);
  });
});
