import { describe, expect, it } from "vitest";
import { parseAuditFilter } from "~/areas/org/audit-filter";

describe("audit log filter", () => {
  it("reads German and ISO dates, ids and the page", () => {
    const { value, errors } = parseAuditFilter(
      new URLSearchParams("entity=unit&action=update&userId=7&entityId=12&from=01.11.2026&to=2026-11-30&page=2"),
    );
    expect(errors).toEqual({});
    expect(value).toEqual({ entity: "unit", action: "update", userId: 7, entityId: "12", from: "2026-11-01", to: "2026-11-30", page: 2 });
  });

  it("ignores empty fields and unknown parameters", () => {
    const { value, raw } = parseAuditFilter(new URLSearchParams("entity=&foo=bar&from="));
    expect(value).toEqual({});
    expect(raw).toEqual({});
  });

  it("drops malformed fields and explains them in German, keeping the rest", () => {
    const { value, errors, raw } = parseAuditFilter(new URLSearchParams("from=31.02.2026&userId=abc&action=login"));
    expect(value).toEqual({ action: "login" });
    expect(errors.from).toBe("Bitte geben Sie ein Datum wie 23.11.2026 ein.");
    expect(errors.userId).toBeDefined();
    expect(raw.from).toBe("31.02.2026");
  });

  it("refuses an end before the start", () => {
    const { value, errors } = parseAuditFilter(new URLSearchParams("from=02.01.2026&to=01.01.2026"));
    expect(value).toEqual({ from: "2026-01-02" });
    expect(errors.to).toBe("Das Ende darf nicht vor dem Beginn liegen.");
  });
});
