import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { expenditures } from "../../db/schema";
import type { Role } from "../../db/schema/org";
import { RECEIPT_IMPORT_MAX_BYTES, importReceiptsFile, receiptRights } from "~/areas/funding/receipts-page.server";
import type { AppContext } from "~/utils/context.server";
import { getDb } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { municipalityId, userId } from "../support/foundation";
import { seedGrant } from "../support/report-db";

function caller(role: Role, email: string): AppContext {
  const id = userId(email);
  const m = municipalityId("Musterstadt");
  return {
    sessionId: "t",
    user: { id, email, name: email, isPlatformAdmin: false },
    actor: { userId: id, label: email },
    municipalityId: m,
    municipality: { id: m, name: "Musterstadt", kind: "stadt" },
    role,
    employeeId: null,
    municipalities: [],
    can: (p) => can(role, p),
  };
}

const finance = () => caller("finance", "kaemmerei@musterstadt.example");
const header = "Belegnummer;Belegdatum;Zahlungsempfänger;Zweck;Kostenart;Betrag brutto;Netto;Umsatzsteuer;Bezahlt am";
const csv = (content: string) => new File([content], "belege.csv", { type: "text/csv" });

describe("receipt rights on the Belegliste", () => {
  it("lets finance record on a granted application, nobody on a closed one, a viewer never", () => {
    const { applicationId } = seedGrant("Musterstadt", { receiptCount: 1, title: "Rechte" });
    expect(receiptRights(finance(), applicationId)).toEqual({ canRecord: true, canCorrect: true, lockedMessage: null });
    expect(receiptRights(caller("viewer", "rat@musterstadt.example"), applicationId)).toMatchObject({ canRecord: false, canCorrect: false, lockedMessage: null });
    const closed = seedGrant("Musterstadt", { receiptCount: 1, title: "Abgeschlossen", state: "closed" });
    expect(receiptRights(finance(), closed.applicationId)).toMatchObject({ canRecord: false, canCorrect: false });
  });
});

describe("importing a receipt list file", () => {
  it("refuses a missing, empty or too large file and a list with errors, and imports a clean one", async () => {
    const { applicationId } = seedGrant("Musterstadt", { receiptCount: 1, title: "Importdatei" });
    const count = () => getDb().select().from(expenditures).where(eq(expenditures.applicationId, applicationId)).all().length;
    const before = count();
    expect(await importReceiptsFile(finance(), applicationId, null)).toEqual({ errors: ["Bitte wählen Sie eine CSV-Datei aus."] });
    expect(await importReceiptsFile(finance(), applicationId, csv(""))).toEqual({ errors: ["Bitte wählen Sie eine CSV-Datei aus."] });
    const large = new File([new Uint8Array(RECEIPT_IMPORT_MAX_BYTES + 1)], "gross.csv");
    expect(await importReceiptsFile(finance(), applicationId, large)).toEqual({ errors: ["Die Datei ist größer als 10 MB."] });
    const bad = await importReceiptsFile(finance(), applicationId, csv(`${header}\nI-1;99.03.2026;Händler;Tablets;Investitionen;500,00;;;`));
    expect(bad).toEqual({ errors: ["Zeile 2: Belegdatum „99.03.2026“ ist kein gültiges Datum (TT.MM.JJJJ)."] });
    expect(count()).toBe(before);
    expect(await importReceiptsFile(finance(), applicationId, csv(`${header}\nI-1;06.03.2025;Händler;Tablets;Investitionen;500,00;;;`))).toEqual({ imported: 1 });
    expect(count()).toBe(before + 1);
  });
});
