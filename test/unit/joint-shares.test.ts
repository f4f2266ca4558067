import { describe, expect, it } from "vitest";
import { PartnerAddSchema, budgetBelowSharesMessage, jointMark, shareProblem } from "~/areas/joint/joint";
import { formatEuro } from "~/utils/format";

describe("joint projects: the share rule", () => {
  it("accepts shares up to the planned budget, exactly at it too", () => {
    expect(shareProblem(31_000_000, 4_650_000, 26_350_000, formatEuro)).toBeNull();
    expect(shareProblem(31_000_000, 0, 0, formatEuro)).toBeNull();
  });

  it("refuses one cent over the budget and names the most that is still possible", () => {
    const message = shareProblem(31_000_000, 4_650_000, 26_350_001, formatEuro);
    expect(message).toMatch(/^Die Anteile aller Partner dürfen zusammen das geplante Budget von 310\.000,00\s€ nicht übersteigen\. Für diesen Partner sind höchstens 263\.500,00\s€ möglich\.$/);
    expect(shareProblem(1_000, 2_000, 1, formatEuro)).toMatch(/höchstens 0,00\s€/);
  });

  it("asks for a budget first when the project has none", () => {
    expect(shareProblem(0, 0, 1, formatEuro)).toMatch(/noch kein geplantes Budget/);
  });

  it("parses the form: German amount and date, German errors per field", () => {
    const ok = PartnerAddSchema.safeParse({ partnerMunicipalityId: 3, share: "46.500,00", agreedOn: "03.11.2026" });
    expect(ok.success && ok.data).toEqual({ partnerMunicipalityId: 3, share: 4_650_000, agreedOn: "2026-11-03", note: "" });
    const bad = PartnerAddSchema.safeParse({ share: "-5", agreedOn: "31.02.2026" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(messages).toEqual({
      partnerMunicipalityId: "Bitte wählen Sie die Partnerkommune.",
      share: "Der Kostenanteil darf nicht negativ sein.",
      agreedOn: "Das Datum der Vereinbarung ist kein gültiges Datum (TT.MM.JJJJ).",
    });
  });

  it("words the marking and the budget rule", () => {
    expect(jointMark("Musterstadt")).toBe("Gemeinsames Projekt – federführend: Musterstadt");
    expect(budgetBelowSharesMessage(7_150_000, formatEuro)).toMatch(/Summe der vereinbarten Anteile der Partnerkommunen \(71\.500,00\s€\)/);
  });
});
