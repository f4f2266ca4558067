import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { AmendmentSchema } from "~/areas/funding/application-forms";

function form(values: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
}

describe("Änderungsbescheid form (AmendmentSchema)", () => {
  it("parses a granted amendment with German dates and amounts into ISO dates and cents", () => {
    const result = parseWithZod(
      form({ intent: "amendment", outcome: "granted", version: "3", decisionDate: "01.03.2027", fundingPeriodStart: "01.01.2026", fundingPeriodEnd: "30.06.2028", grantedCents: "170.000,50" }),
      { schema: AmendmentSchema },
    );
    expect(result.status).toBe("success");
    expect(result.status === "success" && result.value).toEqual({
      intent: "amendment",
      outcome: "granted",
      version: 3,
      decisionDate: "2027-03-01",
      fundingPeriodStart: "2026-01-01",
      fundingPeriodEnd: "2028-06-30",
      grantedCents: 17_000_050,
      note: null,
    });
  });

  it("requires a reason for a rejected amendment and answers in German", () => {
    const result = parseWithZod(form({ intent: "amendment", outcome: "rejected", version: "1", decisionDate: "01.03.2027" }), { schema: AmendmentSchema });
    expect(result.status).toBe("error");
    expect(result.reply().error?.note).toEqual(["Bitte den Grund der Ablehnung angeben."]);
  });

  it("refuses invalid dates, a zero grant and a missing outcome", () => {
    const bad = parseWithZod(
      form({ intent: "amendment", outcome: "granted", version: "1", decisionDate: "31.02.2027", fundingPeriodStart: "01.01.2026", fundingPeriodEnd: "x", grantedCents: "0" }),
      { schema: AmendmentSchema },
    );
    const errors = bad.reply().error!;
    expect(errors.decisionDate?.[0]).toContain("kein gültiges Datum");
    expect(errors.fundingPeriodEnd?.[0]).toContain("kein gültiges Datum");
    expect(errors.grantedCents).toEqual(["Die bewilligte Zuwendung muss größer als 0 sein."]);
    const noOutcome = parseWithZod(form({ intent: "amendment", version: "1" }), { schema: AmendmentSchema });
    expect(noOutcome.status).toBe("error");
  });
});
