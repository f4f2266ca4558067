import { describe, expect, it } from "vitest";
import { registerBuiltins } from "~/workflow/builtins.server";
import { type GuardContext, guardDefinition } from "~/workflow/registry.server";

registerBuiltins();

function ctx(data: Record<string, unknown>, options: { role?: GuardContext["caller"]["role"]; userId?: number; history?: { transition: string; actorUserId: number }[] } = {}): GuardContext {
  return {
    caller: { municipalityId: 1, actor: { userId: options.userId ?? 1, label: "x" }, role: options.role ?? "cdo" },
    subject: { title: "T", url: "/t", data },
    history: (options.history ?? []).map((h, i) => ({ ...h, id: i, actorLabel: "x" })),
  } as unknown as GuardContext;
}

function check(name: string, params: unknown, c: GuardContext) {
  const guard = guardDefinition(name)!;
  return guard.check(c, guard.params.parse(params));
}

describe("built-in guards", () => {
  it("hasRole accepts listed roles only", () => {
    expect(check("hasRole", { roles: ["finance"] }, ctx({}, { role: "finance" }))).toBe(true);
    expect(check("hasRole", { roles: ["finance"] }, ctx({}, { role: "cdo" }))).toBe("Diesen Schritt dürfen nur folgende Rollen ausführen: Kämmerei.");
  });

  it("fieldsPresent treats missing, blank, false and empty lists as missing and names them", () => {
    const params = { fields: [{ field: "a", label: "Aktenzeichen" }, "b", { field: "c", label: "Bestätigung" }, { field: "d", label: "Liste" }] };
    expect(check("fieldsPresent", params, ctx({ a: "  ", b: 0, c: false, d: [] }))).toBe("Es fehlen noch Angaben: Aktenzeichen, Bestätigung, Liste.");
    expect(check("fieldsPresent", params, ctx({ a: "AZ-1", b: 0, c: true, d: [1] }))).toBe(true);
  });

  it("documentsAttached reads data.documentTypes", () => {
    const params = { types: [{ field: "financePlan", label: "Finanzierungsplan" }, "offer"] };
    expect(check("documentsAttached", params, ctx({ documentTypes: ["offer"] }))).toBe("Es fehlen noch Unterlagen: Finanzierungsplan.");
    expect(check("documentsAttached", params, ctx({ documentTypes: ["offer", "financePlan"] }))).toBe(true);
    expect(check("documentsAttached", params, ctx({}))).toMatch(/Finanzierungsplan, offer/);
  });

  it("fourEyes refuses the person who fired the named transition", () => {
    const history = [
      { transition: "requestReview", actorUserId: 7 },
      { transition: "returnToDrafting", actorUserId: 8 },
      { transition: "requestReview", actorUserId: 9 },
    ];
    expect(check("fourEyes", { transition: "requestReview" }, ctx({}, { userId: 9, history }))).toMatch(/^Vier-Augen-Prinzip/);
    expect(check("fourEyes", { transition: "requestReview" }, ctx({}, { userId: 7, history }))).toMatch(/^Vier-Augen-Prinzip/);
    expect(check("fourEyes", { transition: "requestReview" }, ctx({}, { userId: 8, history }))).toBe(true);
  });

  it("fourEyes refuses everyone who ever fired the named transition, and everyone listed in the contributors field", () => {
    const history = [
      { transition: "requestReview", actorUserId: 7 },
      { transition: "returnToDrafting", actorUserId: 8 },
      { transition: "requestReview", actorUserId: 9 },
    ];
    const params = { transition: "requestReview", excludeUsersField: "contributorUserIds" };
    // 7 forwarded earlier, 4 wrote the application: neither may approve although 9 forwarded last.
    expect(check("fourEyes", params, ctx({ contributorUserIds: [4] }, { userId: 7, history }))).toMatch(/^Vier-Augen-Prinzip/);
    expect(check("fourEyes", params, ctx({ contributorUserIds: [4] }, { userId: 4, history }))).toMatch(/^Vier-Augen-Prinzip.*bearbeitet/);
    expect(check("fourEyes", params, ctx({ contributorUserIds: [4] }, { userId: 8, history }))).toBe(true);
    // A subject that does not provide the field cannot prove who worked on it: refused.
    expect(check("fourEyes", params, ctx({}, { userId: 8, history }))).toMatch(/^Vier-Augen-Prinzip/);
  });

  it("amountAtMost and amountAbove compare cents and need the amount", () => {
    const norm = (r: true | string) => (r === true ? r : r.replace(/\u00a0/g, " "));
    expect(check("amountAtMost", { field: "x", maxCents: 100 }, ctx({ x: 100 }))).toBe(true);
    expect(norm(check("amountAtMost", { field: "x", maxCents: 100 }, ctx({ x: 101 })))).toBe("Der Betrag (1,01 €) übersteigt die Grenze von 1,00 €.");
    expect(check("amountAtMost", { field: "x", maxCents: 100, label: "Budget" }, ctx({}))).toBe("Der Betrag „Budget“ fehlt noch.");
    expect(check("amountAbove", { field: "x", minCents: 10_000_000 }, ctx({ x: 10_000_001 }))).toBe(true);
    expect(norm(check("amountAbove", { field: "x", minCents: 10_000_000 }, ctx({ x: 5_000_000 })))).toBe(
      "Dieser Schritt gilt nur für Beträge über 100.000,00 € (hier: 50.000,00 €).",
    );
  });
});
