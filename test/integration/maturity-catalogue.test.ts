import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, maturityCatalogueDrafts, maturityCatalogues, users } from "../../db/schema";
import { startAssessment } from "~/areas/maturity/assessments.server";
import {
  type CatalogueEditor,
  type CatalogueScope,
  catalogueDraft,
  catalogueEditorFor,
  discardCatalogueDraft,
  draftSource,
  editableScopes,
  publishCatalogueDraft,
  saveCatalogueDraft,
} from "~/areas/maturity/catalogue-drafts.server";
import { catalogueFor, latestCatalogue } from "~/areas/maturity/catalogue.server";
import type { Role } from "../../db/schema/org";
import { getDb } from "~/utils/db.server";
import { ConflictError, ValidationError } from "~/utils/errors";
import * as catalogueRoute from "~/routes/_app.reifegrad.katalog";
import { auditCount, municipalityId, userId } from "../support/foundation";
import { callAction, callLoader, signIn } from "../support/requests";

const provider = () => getDb().select({ id: users.serviceProviderId }).from(users).where(eq(users.email, "rollin@landesdienst.example")).get()!.id!;
const editor = (email: string) => catalogueEditorFor(getDb(), userId(email));
const PLATFORM: CatalogueScope = { kind: "platform" };
const own = (): CatalogueScope => ({ kind: "provider", serviceProviderId: provider() });
const changes = () => getDb().get<{ n: number }>(sql`select total_changes() as n`).n;

/** The version in use with one item's title changed: a valid next version. */
function edited(scope: CatalogueScope, title: string): string {
  const source = JSON.parse(draftSource(getDb(), scope)) as { title: string; items: { title: string }[] };
  source.title = title;
  source.items[0]!.title = `${source.items[0]!.title} (überarbeitet)`;
  return JSON.stringify(source);
}

function refusal(fn: () => unknown): number {
  try {
    fn();
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
  return 0;
}

function kommuneCaller(name: string, role: Role, email: string) {
  const id = userId(email);
  return { municipalityId: municipalityId(name), actor: { userId: id, label: email }, role };
}

describe("who edits the maturity catalogue (platform default vs. Roll-in-Service catalogue)", () => {
  it("platform admin: platform only; provider coordination: its own provider only; provider manager, CDO and others: nothing – refused before anything is written", () => {
    const other: CatalogueScope = { kind: "provider", serviceProviderId: provider() + 1000 };
    const cases: [string, CatalogueEditor, CatalogueScope, boolean][] = [
      ["platform admin / platform", editor("admin@fahrplan.example"), PLATFORM, true],
      ["platform admin / provider", editor("admin@fahrplan.example"), own(), false],
      ["coordinator / own provider", editor("rollin@landesdienst.example"), own(), true],
      ["coordinator / platform", editor("rollin@landesdienst.example"), PLATFORM, false],
      ["coordinator / other provider", editor("rollin@landesdienst.example"), other, false],
      ["manager / own provider", editor("betreuung@landesdienst.example"), own(), false],
      ["CDO / platform", editor("cdo@musterstadt.example"), PLATFORM, false],
      ["CDO / provider", editor("cdo@kleinhausen.example"), own(), false],
      ["staff / platform", editor("mitarbeiter@musterstadt.example"), PLATFORM, false],
    ];
    for (const [label, e, scope, allowed] of cases) {
      for (const [name, call] of [
        ["save", () => saveCatalogueDraft(e, scope, edited(PLATFORM, "Probe"), catalogueDraft(getDb(), scope)?.version ?? 0)],
        ["publish", () => publishCatalogueDraft(e, scope, 1)],
        ["discard", () => discardCatalogueDraft(e, scope)],
      ] as const) {
        if (allowed) continue;
        const before = [auditCount(), changes()];
        expect(refusal(call), `${label} ${name}`).toBe(403);
        expect([auditCount(), changes()], `${label} ${name} wrote`).toEqual(before);
      }
      if (allowed) {
        expect(refusal(() => saveCatalogueDraft(e, scope, edited(scope, "Probe"), catalogueDraft(getDb(), scope)?.version ?? 0)), label).toBe(0);
        discardCatalogueDraft(e, scope);
        expect(catalogueDraft(getDb(), scope)).toBeUndefined();
      }
    }
    expect(editableScopes(editor("cdo@musterstadt.example"))).toEqual([]);
  });

  it("validates the draft with German messages and saves nothing invalid; a stale version is a conflict; save and publish are audited", () => {
    const admin = editor("admin@fahrplan.example");
    const errorsOf = (source: string) => {
      try {
        saveCatalogueDraft(admin, PLATFORM, source, 0);
      } catch (e) {
        if (e instanceof ValidationError) return e.fieldErrors.source;
        throw e;
      }
      throw new Error("saved");
    };
    expect(errorsOf("{kaputt")).toEqual(["Der Text ist kein gültiges JSON."]);
    const broken = JSON.parse(draftSource(getDb(), PLATFORM)) as { items: { levels: string[]; code: string }[] };
    broken.items[0]!.levels = ["nur eine Stufe"];
    broken.items[1]!.code = broken.items[2]!.code;
    const messages = errorsOf(JSON.stringify(broken))!;
    expect(messages).toContain("items.0.levels: Jedes Kriterium braucht genau fünf Stufen (0–4).");
    expect(messages.some((m) => m.startsWith("items.2.code: Der Code") && m.endsWith("kommt doppelt vor."))).toBe(true);
    expect(catalogueDraft(getDb(), PLATFORM)).toBeUndefined();

    const before = latestCatalogue(getDb())!;
    expect(saveCatalogueDraft(admin, PLATFORM, edited(PLATFORM, "Plattform 2027"), 0)).toBe(1);
    expect(() => saveCatalogueDraft(admin, PLATFORM, edited(PLATFORM, "Plattform 2027"), 0)).toThrow(ConflictError);
    expect(() => publishCatalogueDraft(admin, PLATFORM, 7)).toThrow(ConflictError);
    const { version } = publishCatalogueDraft(admin, PLATFORM, 1);
    expect(version).toBe(before.version + 1);
    expect(catalogueDraft(getDb(), PLATFORM)).toBeUndefined();
    expect(latestCatalogue(getDb())!).toMatchObject({ version, title: "Plattform 2027" });
    const audit = getDb().select().from(auditLog).where(and(eq(auditLog.entity, "maturityCatalogue"), eq(auditLog.action, "publish"))).all().at(-1)!;
    expect(JSON.parse(audit.changes).details).toMatchObject({ scope: "platform", catalogueVersion: version, title: "Plattform 2027" });
    expect(() => publishCatalogueDraft(admin, PLATFORM, 1)).toThrow(ValidationError);
  });

  it("a Roll-in-Service catalogue is used by its Kommunen's new assessments; other Kommunen keep the platform default", () => {
    const coordinator = editor("rollin@landesdienst.example");
    saveCatalogueDraft(coordinator, own(), edited(own(), "Landesdienst-Katalog"), 0);
    const { version } = publishCatalogueDraft(coordinator, own(), 1);
    const db = getDb();
    const kleinhausen = municipalityId("Kleinhausen");
    const musterstadt = municipalityId("Musterstadt");
    expect(catalogueFor(db, kleinhausen)).toMatchObject({ version, title: "Landesdienst-Katalog" });
    expect(catalogueFor(db, musterstadt)!.title).toBe(latestCatalogue(db)!.title);
    expect(latestCatalogue(db)!.version).not.toBe(version);
    const id = startAssessment(kommuneCaller("Kleinhausen", "cdo", "cdo@kleinhausen.example"), { targetYear: new Date().getUTCFullYear() + 2, shareForBenchmark: true });
    const assessment = db.get<{ catalogue_id: number }>(sql`select catalogue_id from maturity_assessments where id = ${id}`);
    expect(db.select().from(maturityCatalogues).where(eq(maturityCatalogues.id, assessment.catalogue_id)).get()!.version).toBe(version);
    expect(db.select().from(maturityCatalogueDrafts).all()).toEqual([]);
  });

  it("the page: 403 for a CDO, the coordinator sees its provider catalogue and gets German errors next to the text", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    expect((await callLoader(catalogueRoute.loader as never, "/reifegrad/katalog", { caller: cdo })).status).toBe(403);
    const coordinator = await signIn("rollin@landesdienst.example");
    const page = await callLoader(catalogueRoute.loader as never, "/reifegrad/katalog", { caller: coordinator });
    expect(page.status).toBe(200);
    const body = (await page.json()) as { scope: string; inUse: { title: string } };
    expect(body).toMatchObject({ scope: "provider", inUse: { title: "Landesdienst-Katalog" } });
    const res = await callAction(catalogueRoute.action as never, "/reifegrad/katalog?bereich=anbieter", { caller: coordinator, form: { intent: "save", source: "[]", draftVersion: "0" } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: string[] }).errors.length).toBeGreaterThan(0);
  });
});
