import { eq } from "drizzle-orm";
import { fundingApplications } from "../../db/schema";
import * as transitionRoute from "../../app/routes/ablauf.vorgaenge.$instanceId.uebergang";
import { getDb } from "../../app/utils/db.server";
import { type Caller, callAction } from "./requests";

/** The demo application whose Verwendungsnachweis the final-report gate tests issue. */
export function demoGrantApplication() {
  return getDb().select().from(fundingApplications).where(eq(fundingApplications.title, "Digitaler Bauantrag – Digitale Kommune")).get()!;
}

/** Fires "Verwendungsnachweis einreichen" on the application's workflow instance, as the form does. */
export function fireSubmitFinalReport(caller: Caller, instanceId: number, applicationId: number, version: number) {
  return callAction(transitionRoute.action, `/ablauf/vorgaenge/${instanceId}/uebergang`, {
    caller,
    params: { instanceId: String(instanceId) },
    form: { transition: "submitFinalReport", expectedVersion: String(version), redirectTo: `/foerderung/antraege/${applicationId}`, comment: "" },
  });
}
