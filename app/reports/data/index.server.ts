import { certificateData } from "../../areas/trainings/certificates.server";
import type { DbOrTx } from "../../utils/db.server";
import { todayIso } from "../../utils/format";
import type { Tenant } from "../../utils/tenant.server";
import { ReportError } from "../report-error";
import { loadProjectProfileData, loadStatusReportData } from "./agenda.server";
import { loadCouncilReportData } from "./council.server";
import { loadFinalReportData, loadInterimReportData } from "./funding.server";
import { REPORT_SUBJECT, type ReportBase, type ReportType } from "./types";

export interface ReportRequest {
  type: ReportType;
  /** funding application, project or training registration id; for the Statusbericht and the Digitalbericht: ignored (the Kommune's agenda). */
  subjectId: number;
  budgetYear?: number;
  narrative?: string;
  /** Verwendungsnachweis only: issue it before the end of the funding period, with this reason. */
  earlyReason?: string | null;
  /** Figures for a page (no PDF): a missing Sachbericht does not refuse them. */
  figuresOnly?: boolean;
  generatedBy: string;
  /** Public origin for the certificate check URL. */
  origin?: string;
  now?: Date;
}

export interface LoadedReport {
  data: ReportBase;
  subjectType: string;
  subjectId: number;
  budgetYear: number | null;
  programmeId?: number;
}

/** The report data for a request, tenant-scoped; ReportError (German) when it cannot be made. */
export function loadReportData(db: DbOrTx, tenant: Tenant, request: ReportRequest): LoadedReport {
  const now = request.now ?? new Date();
  const context = { generatedAt: now.toISOString(), generatedBy: request.generatedBy, today: todayIso(now) };
  const subjectType = REPORT_SUBJECT[request.type];
  switch (request.type) {
    case "verwendungsnachweis": {
      const data = loadFinalReportData(db, tenant, request.subjectId, {
        ...context,
        narrative: request.narrative ?? "",
        earlyReason: request.earlyReason ?? null,
        requireNarrative: !request.figuresOnly,
      });
      return { data, subjectType, subjectId: request.subjectId, budgetYear: null };
    }
    case "zwischennachweis": {
      if (!request.budgetYear) throw new ReportError("Bitte geben Sie das Haushaltsjahr des Zwischennachweises an.", 400);
      const data = loadInterimReportData(db, tenant, request.subjectId, request.budgetYear, {
        ...context,
        narrative: request.narrative ?? "",
      });
      return { data, subjectType, subjectId: request.subjectId, budgetYear: request.budgetYear };
    }
    case "projektsteckbrief":
      return { data: loadProjectProfileData(db, tenant, request.subjectId, context), subjectType, subjectId: request.subjectId, budgetYear: null };
    case "statusbericht":
      return { data: loadStatusReportData(db, tenant, context), subjectType, subjectId: tenant.municipalityId, budgetYear: null };
    case "digitalbericht":
      return { data: loadCouncilReportData(db, tenant, context), subjectType, subjectId: tenant.municipalityId, budgetYear: null };
    case "teilnahmebescheinigung": {
      const data = certificateData(tenant, request.subjectId, request.origin ?? "", request.generatedBy);
      if (!data) {
        throw new ReportError(
          `Für die Anmeldung ${request.subjectId} gibt es keine Teilnahmebescheinigung (keine erfasste Anwesenheit in dieser Kommune).`,
          404,
        );
      }
      return { data: { ...data, generatedAt: context.generatedAt }, subjectType, subjectId: request.subjectId, budgetYear: null };
    }
  }
}
