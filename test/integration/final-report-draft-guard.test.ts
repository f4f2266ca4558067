import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
// As the server entry does: every area registers its workflow guards (here finalReportArchived).
import { archivedReports, expenditures, fundingApplications } from "../../db/schema";
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
 * A Verwendungsnachweis archived while the funding period still runs is a draft ("Entwurf" on every
 * page). It must not satisfy the "Verwendungsnachweis einreichen" gate; only a final or a
 * vorzeitiger Verwendungsnachweis (with reason) does.
 */
describe("a draft Verwendungsnachweis does not open the submit gate", () => {
  it("refuses submitFinalReport with only a draft archived and allows it after a vorzeitiger VN", async () => {
    const cdo = await signIn("cdo@musterstadt.example");
    const application = demoGrantApplication();
    const tenant = { municipalityId: application.municipalityId };
    // The funding period still runs: a VN issued today is a draft.
    getDb().update(fundingApplications).set({ fundingPeriodEnd: `${Number(todayIso().slice(0, 4)) + 1}-12-31` }).where(eq(fundingApplications.id, application.id)).run();
    getDb().update(expenditures).set({ paidOn: todayIso() }).where(eq(expenditures.receiptNumber, "RE-2025-166")).run();
    const sachbericht = await callAction(grantRoute.action, `/berichte/foerderung/${application.id}`, {
      caller: cdo,
      params: { applicationId: String(application.id) },
      form: { art: "verwendungsnachweis", version: "0", narrative: "Das digitale Bauantragsverfahren ist eingeführt." },
    });
    expect(sachbericht.status).toBe(200);

    const draft = await callAction(issueRoute.action, "/berichte/erzeugen", {
      caller: cdo,
      form: { typ: "verwendungsnachweis", id: String(application.id) },
    });
    expect(draft.status).toBe(302);
    expect(draft.headers.get("Location")).toMatch(/^\/berichte\/archiv\/\d+/);
    const archived = getDb().select().from(archivedReports).where(eq(archivedReports.subjectId, application.id)).all();
    expect(archived).toHaveLength(1);
    expect(JSON.parse(archived[0]!.dataSnapshot).watermark).toBe("Entwurf");

    const before = getWorkflow(getDb(), tenant, "fundingApplication", application.id)!;
    expect(before.state).toBe("inProgress");
    const fire = (version: number) => fireSubmitFinalReport(cdo, before.id, application.id, version);

    const refused = await fire(before.version);
    expect(refused.status).toBe(302);
    const location = new URL(refused.headers.get("Location")!, "http://localhost");
    expect([...location.searchParams.values()].join(" ")).toMatch(/nur als Entwurf archiviert/);
    expect(getWorkflow(getDb(), tenant, "fundingApplication", application.id)!.state).toBe("inProgress");

    // Issued early with a written reason, the VN is final and opens the gate.
    const early = await callAction(issueRoute.action, "/berichte/erzeugen", {
      caller: cdo,
      form: { typ: "verwendungsnachweis", id: String(application.id), vorzeitig: "1", begruendung: "Maßnahme vorzeitig abgeschlossen." },
    });
    expect(early.status).toBe(302);
    expect(early.headers.get("Location")).toMatch(/^\/berichte\/archiv\/\d+/);
    const allowed = await fire(before.version);
    expect(allowed.headers.get("Location")).toBe(`/foerderung/antraege/${application.id}`);
    expect(getWorkflow(getDb(), tenant, "fundingApplication", application.id)!.state).toBe("finalReportSubmitted");
  });
});
