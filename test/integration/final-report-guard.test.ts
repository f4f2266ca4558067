import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
// As the server entry does: every area registers its workflow guards (here finalReportArchived).
import { archivedReports, expenditures } from "../../db/schema";
import * as issueRoute from "~/routes/_app.berichte.erzeugen";
import * as grantRoute from "~/routes/_app.berichte.foerderung.$applicationId";
import { todayIso } from "~/utils/format";
import { getDb } from "~/utils/db.server";
import { getWorkflow } from "~/workflow/index.server";
import { stopRenderWorker } from "~/reports/worker.server";
import { demoGrantApplication, fireSubmitFinalReport } from "../support/final-report";
import { callAction, signIn } from "../support/requests";

afterAll(async () => {
  await stopRenderWorker();
});

/**
 * The archive is part of the funding workflow: "Verwendungsnachweis einreichen" is refused until an
 * issued Verwendungsnachweis for the application is archived (guard finalReportArchived).
 */
describe("submitting the Verwendungsnachweis requires an archived report", () => {
  it("refuses the transition without an archived report and allows it afterwards", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const application = demoGrantApplication();
    const tenant = { municipalityId: application.municipalityId };
    const before = getWorkflow(getDb(), tenant, "fundingApplication", application.id)!;
    expect(before.state).toBe("inProgress");

    const fire = (version: number) => fireSubmitFinalReport(cdo, before.id, application.id, version);

    const refused = await fire(before.version);
    expect(getWorkflow(getDb(), tenant, "fundingApplication", application.id)!.state).toBe("inProgress");
    // Without JavaScript the refusal comes back as a message on the application page.
    expect(refused.status).toBe(302);
    const location = new URL(refused.headers.get("Location")!, "http://localhost");
    expect([...location.searchParams.values()].join(" ")).toMatch(
      /Bitte erstellen und archivieren Sie zuerst den Verwendungsnachweis/,
    );

    // Archiving itself is refused while the Prüfung vor Einreichung has open points (German list).
    const blocked = await callAction(issueRoute.action, "/berichte/erzeugen", {
      caller: cdo,
      form: { typ: "verwendungsnachweis", id: String(application.id), redirectTo: `/foerderung/antraege/${application.id}` },
    });
    expect(blocked.status).toBe(302);
    const blockedAt = new URL(blocked.headers.get("Location")!, "http://localhost");
    expect(blockedAt.pathname).toBe(`/foerderung/antraege/${application.id}`);
    expect(blockedAt.searchParams.get("berichtFehler")).toMatch(/^Der Verwendungsnachweis kann noch nicht archiviert werden\. Offen \(Prüfung vor Einreichung\): 1\. Der Sachbericht fehlt.* 2\. 1 Beleg hat kein Zahlungsdatum: RE-2025-166/);
    expect(getDb().select().from(archivedReports).where(eq(archivedReports.subjectId, application.id)).all()).toHaveLength(0);
    const sachbericht = await callAction(grantRoute.action, `/berichte/foerderung/${application.id}`, {
      caller: cdo,
      params: { applicationId: String(application.id) },
      form: { art: "verwendungsnachweis", version: "0", narrative: "Das digitale Bauantragsverfahren ist eingeführt und in Betrieb." },
    });
    expect(sachbericht.status).toBe(200);
    getDb().update(expenditures).set({ paidOn: todayIso() }).where(eq(expenditures.receiptNumber, "RE-2025-166")).run();

    const issued = await callAction(issueRoute.action, "/berichte/erzeugen", {
      caller: cdo,
      // The demo funding period still runs: only a vorzeitiger VN (with reason) is final; a draft
      // would not open the gate (final-report-draft-guard.test.ts).
      form: { typ: "verwendungsnachweis", id: String(application.id), vorzeitig: "1", begruendung: "Maßnahme abgeschlossen." },
    });
    // A plain form post is redirected to the archived PDF.
    expect(issued.status).toBe(302);
    expect(issued.headers.get("Location")).toMatch(/^\/berichte\/archiv\/\d+/);

    const allowed = await fire(before.version);
    expect(allowed.status).toBe(302);
    expect(allowed.headers.get("Location")).toBe(`/foerderung/antraege/${application.id}`);
    expect(getWorkflow(getDb(), tenant, "fundingApplication", application.id)!.state).toBe("finalReportSubmitted");
  });
});
