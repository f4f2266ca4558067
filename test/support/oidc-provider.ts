import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OpenID Connect provider (the `oidc-provider` package) on a random local port, for the SSO
 * tests. Who signs in is chosen by the test (`signInAs`), as a person would type it into the
 * provider's login form; the provider's own interaction API finishes login and consent.
 */
export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, TestAccount>;
  signInAs(accountId: string): void;
  /** Provider cookies of the "browser" (name → value). */
  jar: Map<string, string>;
  /** Follows redirects on the provider until one leaves it; returns that address. */
  follow(url: string, init?: { method?: string; body?: URLSearchParams }): Promise<{ status: number; location: string | null; body: string }>;
  close(): Promise<void>;
}

export async function startTestProvider(redirectOrigin: string): Promise<TestProvider> {
  const accounts = new Map<string, TestAccount>();
  let current: string | null = null;
  const clientId = "fahrplan-test";
  const clientSecret = "fahrplan-test-secret-0123456789";
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${redirectOrigin}/sso/callback`],
        post_logout_redirect_uris: [`${redirectOrigin}/login`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    cookies: { keys: ["oidc-test-cookie-key"] },
  });
  const callback = provider.callback();

  server.on("request", async (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === "login") {
        if (!current) throw new Error("the test did not choose who signs in");
        await provider.interactionFinished(req, res, { login: { accountId: current } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session.accountId, clientId: details.params.client_id });
      const missing = details.prompt.details.missingOIDCScope as string[] | undefined;
      if (missing) grant.addOIDCScope(missing.join(" "));
      const missingClaims = details.prompt.details.missingOIDCClaims as string[] | undefined;
      if (missingClaims) grant.addOIDCClaims(missingClaims);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });

  const jar = new Map<string, string>();
  function keep(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") jar.delete(name);
      else jar.set(name, value);
    }
  }

  async function follow(url: string, init: { method?: string; body?: URLSearchParams } = {}) {
    let next = url;
    let method = init.method ?? "GET";
    let body: URLSearchParams | undefined = init.body;
    for (let hop = 0; hop < 20; hop++) {
      const response = await fetch(next, {
        method,
        body,
        redirect: "manual",
        headers: { Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      keep(response);
      const location = response.headers.get("location");
      if (!location) return { status: response.status, location: null, body: await response.text() };
      const target = new URL(location, next).href;
      if (!target.startsWith(issuer)) return { status: response.status, location: target, body: "" };
      next = target;
      method = "GET";
      body = undefined;
    }
    throw new Error("too many redirects at the provider");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    jar,
    signInAs(accountId: string) {
      current = accountId;
      jar.clear();
    },
    follow,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
