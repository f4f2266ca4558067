import { redirect } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { type Caller as WhoCaller, UNKNOWN_INTENT, formAction, intentAction } from "~/utils/intents.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import { UPLOADS } from "~/utils/request-limits";
import { callAction, signIn } from "../support/requests";

const CDO = "cdo@musterstadt.example";
const STAFF = "mitarbeiter@musterstadt.example";

const NameSchema = z.object({ name: z.string({ error: "Bitte geben Sie einen Namen ein." }).trim().min(3, { error: "Mindestens 3 Zeichen." }) });

/** A stand-in for an area function: records what it was called with and throws the area errors. */
const calls: { who: string; subject: number; name: string }[] = [];
function rename(who: { user: { email: string } }, subject: number, name: string) {
  if (name === "doppelt") throw new ValidationError({ name: ["Diesen Namen gibt es schon."], form: ["Bitte prüfen Sie den Namen."] });
  if (name === "veraltet") throw new ConflictError();
  if (name === "kaputt") throw new Error("a bug");
  calls.push({ who: who.user.email, subject, name });
  return subject * 10;
}

const action = intentAction({
  permission: "agenda.view",
  load: (_ctx, { params }) => Number(params.id),
  intents: (intent) => ({
    rename: intent({
      permission: "agenda.edit",
      schema: NameSchema,
      run: ({ who, subject, value }) => rename(who, subject, value.name),
    }),
    renameAndLeave: intent({
      permission: "agenda.edit",
      schema: NameSchema,
      run: ({ who, subject, value }) => rename(who, subject, value.name),
      done: (result) => redirect(`/fertig/${result}`),
    }),
    look: intent({ schema: z.object({}), run: () => "gesehen", done: (seen, { reply }) => Response.json({ ...reply(), seen }) as never }),
  }),
});

const single = formAction({
  permission: "agenda.edit",
  schema: NameSchema,
  hideFields: ["name"],
  run: ({ who, value }) => rename(who, 1, value.name),
  done: (result) => redirect(`/einzeln/${result}`),
});

const post = (fn: typeof action | typeof single, caller: Awaited<ReturnType<typeof signIn>> | undefined, form: Record<string, string>, extra: { withoutCsrf?: boolean } = {}) =>
  callAction(fn as never, "/probe/7", { caller, params: { id: "7" }, form, ...extra });

describe("intentAction", () => {
  it("calls the area function with the caller, the loaded subject and the parsed value, and answers with the form reset", async () => {
    const cdo = await signIn(CDO);
    calls.length = 0;
    const res = await post(action, cdo, { intent: "rename", name: "  Neuer Name  " });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.intent).toBe("rename");
    // resetForm: no errors, and Conform clears the form.
    expect(body.result.error).toBeUndefined();
    expect(body.result.initialValue).toBeNull();
    expect(calls).toEqual([{ who: CDO, subject: 7, name: "Neuer Name" }]);
  });

  it("lets done redirect with the area function's result, or add to the reply", async () => {
    const cdo = await signIn(CDO);
    const res = await post(action, cdo, { intent: "renameAndLeave", name: "Noch einer" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/fertig/70");
    const look = await post(action, cdo, { intent: "look" });
    expect(await look.json()).toMatchObject({ intent: "look", seen: "gesehen" });
  });

  it("answers an unknown or missing intent with 400 and a German message, not 500", async () => {
    const cdo = await signIn(CDO);
    for (const form of [{ intent: "gibtsnicht" }, {}, { intent: "toString" }] as Record<string, string>[]) {
      const res = await post(action, cdo, form);
      expect(res.status).toBe(400);
      expect((await res.json()).message).toBe(UNKNOWN_INTENT);
    }
  });

  it("checks the route's permission before reading the body and each intent's permission after", async () => {
    calls.length = 0;
    const staff = await signIn(STAFF);
    const refused = await post(action, staff, { intent: "rename", name: "Verboten" });
    expect(refused.status).toBe(403);
    expect(calls).toEqual([]);
    // The same caller may use an intent without a permission of its own.
    expect((await post(action, staff, { intent: "look" })).status).toBe(200);
    const signedOut = await post(action, undefined, { intent: "rename", name: "Niemand" });
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get("Location")).toMatch(/^\/login/);
  });

  it("refuses a form without its CSRF token", async () => {
    const cdo = await signIn(CDO);
    expect((await post(action, cdo, { intent: "rename", name: "Ohne Token" }, { withoutCsrf: true })).status).toBe(403);
  });

  it("puts schema errors next to their fields with 400, and the area's ValidationError and ConflictError too", async () => {
    const cdo = await signIn(CDO);
    calls.length = 0;
    const invalid = await post(action, cdo, { intent: "rename", name: "ab" });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).result.error).toEqual({ name: ["Mindestens 3 Zeichen."] });
    const taken = await post(action, cdo, { intent: "rename", name: "doppelt" });
    expect(taken.status).toBe(400);
    const takenBody = await taken.json();
    expect(takenBody.intent).toBe("rename");
    expect(takenBody.result.error).toEqual({ "": ["Bitte prüfen Sie den Namen."], name: ["Diesen Namen gibt es schon."] });
    const stale = await post(action, cdo, { intent: "rename", name: "veraltet" });
    expect(stale.status).toBe(409);
    expect((await stale.json()).result.error[""][0]).toMatch(/inzwischen von jemand anderem geändert/);
    expect(calls).toEqual([]);
    // Anything else is a bug: it reaches the error boundary.
    await expect(post(action, cdo, { intent: "rename", name: "kaputt" })).rejects.toThrow("a bug");
  });
});

describe("formAction", () => {
  it("answers Conform's reply itself (no intent), hides the hidden fields, and redirects on success", async () => {
    const cdo = await signIn(CDO);
    const invalid = await post(single, cdo, { name: "" });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.name).toEqual(["Bitte geben Sie einen Namen ein."]);
    expect(body.initialValue?.name).toBeUndefined();
    const taken = await post(single, cdo, { name: "doppelt" });
    expect(taken.status).toBe(400);
    expect((await taken.json()).error.name).toEqual(["Diesen Namen gibt es schon."]);
    const ok = await post(single, cdo, { name: "Einzeln" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toBe("/einzeln/10");
  });

  it("takes another caller (a provider's) in place of the Kommune's context", async () => {
    const seen: string[] = [];
    const caller: WhoCaller<{ user: { email: string }; level: number }, "low" | "high"> = {
      require: async (_request, permission) => {
        seen.push(permission ?? "none");
        return { user: { email: "dienst@example.org" }, level: 1 };
      },
      can: (who, permission) => permission === "low" || who.level > 1,
    };
    const providerAction = intentAction({
      caller,
      permission: "low",
      intents: (intent) => ({
        high: intent({ permission: "high", schema: NameSchema, run: () => "nie" }),
        low: intent({ permission: "low", schema: NameSchema, run: ({ who, value }) => rename(who, 2, value.name) }),
      }),
    });
    const cdo = await signIn(CDO);
    expect((await post(providerAction, cdo, { intent: "high", name: "Hoch" })).status).toBe(403);
    expect((await post(providerAction, cdo, { intent: "low", name: "Niedrig" })).status).toBe(200);
    expect(seen).toEqual(["low", "low"]);
  });

  it("reads an upload form within its limits and shows a file over the limit at its field", async () => {
    const cdo = await signIn(CDO);
    const upload = formAction({
      permission: "agenda.edit",
      upload: UPLOADS.logo,
      schema: z.object({}),
      run: async ({ form }) => (form.get("logo") as File).size,
      done: (size, { reply }) => Response.json({ ...reply(), size }) as never,
    });
    const small = new FormData();
    small.set("logo", new File([new Uint8Array(10)], "logo.png", { type: "image/png" }));
    const ok = await callAction(upload as never, "/berichte", { caller: cdo, form: small });
    expect(ok.status).toBe(200);
    expect((await ok.json()).size).toBe(10);
    const large = new FormData();
    large.set("logo", new File([new Uint8Array(UPLOADS.logo.maxFileBytes + 1)], "logo.png", { type: "image/png" }));
    const refused = await callAction(upload as never, "/berichte", { caller: cdo, form: large });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.logo).toEqual([UPLOADS.logo.tooLarge]);
  });
});
