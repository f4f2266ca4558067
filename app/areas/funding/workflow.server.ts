import { eq } from "drizzle-orm";
import { applicationDocuments, fundingApplications } from "../../../db/schema";
import { scoped } from "../../utils/tenant.server";
import { registerSubject } from "../../workflow/index.server";
import { SUBJECT_TYPE, applicationUrl } from "./subject";

/**
 * The funding application as a workflow subject: the built-in `fundingApplication` definition's
 * guards read these fields (own contribution confirmed, decision data, attached document types).
 */
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
      },
    };
  },
});
