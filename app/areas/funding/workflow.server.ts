import { and, asc, eq, isNull } from "drizzle-orm";
import { applicationDocuments, drawdowns, fundingApplications } from "../../../db/schema";
import { formatDate, formatEuro } from "../../utils/format";
import { scoped } from "../../utils/tenant.server";
import { z } from "zod";
import { CONTRIBUTION_KINDS } from "../../../db/schema";
import { type SubjectRequirement, registerEffect, registerSubject, registerTaskSource } from "../../workflow/index.server";
import { contributorUserIds, recordContributor } from "./contributors.server";
import { CLOSED_STATES, GRANTED_STATES, INTERNAL_REVIEW, PLAN_EDITABLE_STATES, RECLAIM_FROM, SUBMITTED } from "./states";
import { SUBJECT_TYPE, applicationUrl } from "./subject";

/**
 * What the funding code relies on in every version of the `fundingApplication` definition: the
 * states it names (states.ts), the steps it fires itself when a decision, an amendment decision or
 * a Rückforderung is recorded, and the four-eyes check on the release.
 */
export const FUNDING_REQUIREMENTS: readonly SubjectRequirement[] = [
  { states: GRANTED_STATES, reason: "In diesen Status gilt ein Antrag als bewilligt; Mittelabrufe, Belege und Nachweise hängen daran." },
  { states: PLAN_EDITABLE_STATES, reason: "In diesen Status darf der Finanzplan geändert werden." },
  { states: [INTERNAL_REVIEW], reason: "In der internen Prüfung bestätigt die Kämmerei den Eigenanteil." },
  { states: CLOSED_STATES, reason: "Mit ihnen endet ein Antrag, und seine Fristen entfallen." },
  {
    transitions: [
      { name: "recordApproval", from: [SUBMITTED], to: "approved" },
      { name: "recordRejection", from: [SUBMITTED], to: "rejected" },
    ],
    reason: "Über diese Schritte wird die Entscheidung des Fördergebers erfasst.",
  },
  { transitions: [{ name: "recordAmendmentDecision", from: ["amendmentRequested"], to: "inProgress" }], reason: "Über diesen Schritt wird die Entscheidung zum Änderungsantrag erfasst." },
  { transitions: [{ name: "recordReclaim", from: RECLAIM_FROM }], reason: "Über diesen Schritt wird eine Rückforderung erfasst." },
  { transitions: [{ name: "submit", from: [INTERNAL_REVIEW], guards: ["fourEyes"] }], reason: "Einen Förderantrag gibt eine zweite Person frei (Vier-Augen-Prinzip)." },
];

/** Registers the funding application as a workflow subject with its effect and task source; idempotent. */
export function registerFunding(): void {
  // The built-in `fundingApplication` definition's guards read these fields (own contribution
  // confirmed, decision data, attached document types).
  registerSubject(SUBJECT_TYPE, {
    label: "Förderantrag",
    load(db, tenant, subjectId) {
      const app = db.select().from(fundingApplications).where(scoped(fundingApplications, tenant, eq(fundingApplications.id, subjectId))).get();
      if (!app) return undefined;
      const documentTypes = db
        .selectDistinct({ type: applicationDocuments.documentType })
        .from(applicationDocuments)
        .where(scoped(applicationDocuments, tenant, eq(applicationDocuments.applicationId, subjectId)))
        .all()
        .map((d) => d.type);
      return {
        title: app.title,
        url: applicationUrl(app.id),
        data: {
          projectId: app.projectId,
          programmeId: app.programmeId,
          documentTypes,
          contributorUserIds: contributorUserIds(db, tenant, app.id),
          ownContributionConfirmed: app.ownContributionConfirmed,
          ownContributionConfirmedBy: app.ownContributionConfirmedBy,
          thirdPartyFundsCents: app.thirdPartyFundsCents,
          submittedOn: app.submittedOn,
          fileNumber: app.fileNumber,
          decisionDate: app.decisionDate,
          grantedCents: app.grantedCents,
          fundingPeriodStart: app.fundingPeriodStart,
          fundingPeriodEnd: app.fundingPeriodEnd,
          earmarkingUntil: app.earmarkingUntil,
          rejectionReason: app.rejectionReason,
          reclaimCents: app.reclaimCents,
          createdBy: app.createdBy,
        },
      };
    },
    subjectRoles: {
      applicationAuthor: {
        label: "Verfasser/in des Antrags",
        userId: (subject) => (typeof subject.data.createdBy === "number" ? subject.data.createdBy : null),
      },
    },
    requires: FUNDING_REQUIREMENTS,
  });

  // Records the person firing the transition (e.g. who forwarded it to review) as a contributor.
  registerEffect("recordApplicationContributor", {
    label: "Bearbeiter/in des Antrags vermerken",
    optionLabels: { author: "angelegt", edit: "bearbeitet", financePlan: "Finanzplan erstellt", review: "zur Prüfung gegeben" },
    params: z.object({ kind: z.enum(CONTRIBUTION_KINDS) }),
    describe: () => "vermerkt die Person als Bearbeiter/in des Antrags (Vier-Augen-Prinzip)",
    run: (ctx, p) => recordContributor(ctx.tx, ctx.tenant, ctx.instance.subjectId, ctx.caller.actor.userId, p.kind),
  });

  // A requested drawdown waits for the Kämmerei to record the payment; the task lasts exactly as long.
  registerTaskSource("fundingDrawdownReceipt", (db, tenant) =>
    db
      .select({ id: drawdowns.id, applicationId: drawdowns.applicationId, requestedOn: drawdowns.requestedOn, requestedCents: drawdowns.requestedCents, title: fundingApplications.title })
      .from(drawdowns)
      .innerJoin(fundingApplications, eq(fundingApplications.id, drawdowns.applicationId))
      .where(scoped(drawdowns, tenant, and(isNull(drawdowns.receivedOn), isNull(drawdowns.cancelledOn))))
      .orderBy(asc(drawdowns.requestedOn))
      .all()
      .map((d) => ({
        title: `Zahlungseingang zum Mittelabruf vom ${formatDate(d.requestedOn)} (${formatEuro(d.requestedCents)}) erfassen: ${d.title}`,
        assigneeRole: "finance" as const,
        subjectType: SUBJECT_TYPE,
        subjectId: d.applicationId,
        link: applicationUrl(d.applicationId),
      })),
  );
}
