import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, desc, eq } from "drizzle-orm";
import { archivedReports, municipalities, reportDrafts, reportLogos, users } from "../../db/schema";
import { auditUpdate, newValues, writeAudit } from "../utils/audit.server";
import { type DbOrTx, dataDirectory, getDb, transaction } from "../utils/db.server";
import { ConflictError, ValidationError } from "../utils/errors";
import { type Tenant, scoped, tenantRow, updateVersioned } from "../utils/tenant.server";
import { type ReportRequest, loadReportData } from "./data/index.server";
import { REPORT_SUBJECT, REPORT_TYPE_LABELS, type ReportType } from "./data/types";
import { blockingMessage } from "../areas/funding/submission-check";
import { loadSubmissionCheck } from "../areas/funding/submission-check.server";
import { issuedReport } from "./issued-report.server";
import { checkLogo } from "./logo-image";
import { ReportError } from "./report-error";
import { loadTemplate } from "./templates.server";
import { renderInWorker } from "./worker.server";
import type { AreaCaller } from "../utils/caller.server";
import { assertCan } from "../utils/permissions";

export type ReportCaller = AreaCaller;

export type ArchivedReport = typeof archivedReports.$inferSelect;

function municipalitySlug(db: DbOrTx, tenant: Tenant): string {
  return db.select({ slug: municipalities.slug }).from(municipalities).where(eq(municipalities.id, tenant.municipalityId)).get()!.slug;
}

/** The Kommune's uploaded logo bytes, if any. */
export function logoBytes(db: DbOrTx, tenant: Tenant): Uint8Array | null {
  const logo = db.select().from(reportLogos).where(scoped(reportLogos, tenant)).get();
  if (!logo) return null;
  const file = path.join(dataDirectory(), logo.filePath);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}

/** The saved Sachbericht draft for a grant report ("" when none). */
export function getDraft(db: DbOrTx, tenant: Tenant, type: ReportType, subjectId: number, budgetYear = 0) {
  return db
    .select()
    .from(reportDrafts)
    .where(
      scoped(
        reportDrafts,
        tenant,
        eq(reportDrafts.reportType, type),
        eq(reportDrafts.subjectType, REPORT_SUBJECT[type]),
        eq(reportDrafts.subjectId, subjectId),
        eq(reportDrafts.budgetYear, budgetYear),
      ),
    )
    .get();
}

/**
 * Saves the Sachbericht draft. `expectedVersion` 0 creates it; otherwise the draft must still have
 * that version (ConflictError when someone else saved in between).
 */
export function saveDraft(
  caller: ReportCaller,
  input: { type: ReportType; subjectId: number; budgetYear?: number; narrative: string; expectedVersion: number },
): number {
  assertCan(caller, "report.generate");
  const budgetYear = input.budgetYear ?? 0;
  return transaction((tx) => {
    const existing = getDraft(tx, caller, input.type, input.subjectId, budgetYear);
    const values = { narrative: input.narrative, updatedBy: caller.actor.userId, updatedAt: new Date().toISOString() };
    if (!existing) {
      if (input.expectedVersion !== 0) throw new ConflictError();
      const row = tx
        .insert(reportDrafts)
        .values(tenantRow(caller, { reportType: input.type, subjectType: REPORT_SUBJECT[input.type], subjectId: input.subjectId, budgetYear, ...values }))
        .returning({ id: reportDrafts.id })
        .get();
      writeAudit(tx, {
        actor: caller.actor,
        municipalityId: caller.municipalityId,
        entity: "reportDraft",
        entityId: row.id,
        action: "create",
        changes: newValues({ reportType: input.type, subjectId: input.subjectId, budgetYear, narrative: input.narrative }),
      });
      return 1;
    }
    updateVersioned(tx, reportDrafts, caller, existing.id, input.expectedVersion, values);
    auditUpdate(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "reportDraft",
      entityId: existing.id,
      before: { narrative: existing.narrative },
      after: { narrative: input.narrative },
    });
    return input.expectedVersion + 1;
  });
}

function withNarrative(request: Omit<ReportRequest, "narrative">, tenant: Tenant): ReportRequest {
  if (request.type !== "verwendungsnachweis" && request.type !== "zwischennachweis") return request;
  const draft = getDraft(getDb(), tenant, request.type, request.subjectId, request.budgetYear ?? 0);
  return { ...request, narrative: draft?.narrative ?? "" };
}

function startRender(caller: ReportCaller, request: Omit<ReportRequest, "narrative" | "generatedBy">, beforeRender?: () => void) {
  const db = getDb();
  const loaded = loadReportData(db, caller, withNarrative({ ...request, generatedBy: caller.actor.label }, caller));
  beforeRender?.();
  const variant = { municipalitySlug: municipalitySlug(db, caller), programmeId: loaded.programmeId };
  // Validate the template here (cached), so a broken one fails before any byte is streamed.
  loadTemplate(request.type, variant);
  const job = renderInWorker({
    type: request.type,
    variant,
    data: loaded.data,
    logo: logoBytes(db, caller),
  });
  return { loaded, job };
}

/**
 * Preview: renders from the live data (and the saved draft) without archiving; the PDF streams
 * out of the worker thread as it is produced. Data errors throw before any byte is sent.
 */
export function previewReport(caller: ReportCaller, request: Omit<ReportRequest, "narrative" | "generatedBy">): ReadableStream<Uint8Array> {
  return startRender(caller, request).job.stream;
}

/** Stores the PDF content-addressed and returns its path relative to the data directory. */
function storeFile(bytes: Buffer, sha256: string): string {
  const relative = path.join("reports", `${sha256}.pdf`);
  const file = path.join(dataDirectory(), relative);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, file);
  }
  return relative;
}

/**
 * Issues a report: renders it in the worker, stores the file, and archives it with SHA-256, who,
 * when and the data snapshot, with the audit entry in the same transaction.
 */
export async function issueReport(
  caller: ReportCaller,
  request: Omit<ReportRequest, "narrative" | "generatedBy">,
): Promise<ArchivedReport> {
  assertCan(caller, "report.generate");
  // The council report speaks for the Digitalagenda: issued by those who steer it (CDO, admin, Roll-in).
  if (request.type === "digitalbericht") assertCan(caller, "agenda.edit");
  // A final Verwendungsnachweis is filed only when nothing a funding clerk would reject is open
  // (checked once the data loaded, so "not granted" and "not found" keep their own messages).
  const { loaded, job } = startRender(caller, request, () => {
    if (request.type !== "verwendungsnachweis") return;
    const refusal = blockingMessage(loadSubmissionCheck(getDb(), caller, request.subjectId) ?? []);
    if (refusal) throw new ReportError(refusal);
  });
  const { bytes, templateFile } = await job.done;
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const filePath = storeFile(bytes, sha256);
  const data = loaded.data as unknown as { cover?: { measureTitle: string }; project?: { title: string }; courseTitle?: string; participantName?: string };
  const subjectTitle = data.cover?.measureTitle ?? data.project?.title ?? (data.courseTitle ? `${data.courseTitle} – ${data.participantName}` : loaded.data.municipality.name);
  const title = `${REPORT_TYPE_LABELS[request.type]}${loaded.budgetYear ? ` ${loaded.budgetYear}` : ""} – ${subjectTitle}`;
  return transaction((tx) => {
    const row = tx
      .insert(archivedReports)
      .values(
        tenantRow(caller, {
          reportType: request.type,
          subjectType: loaded.subjectType,
          subjectId: loaded.subjectId,
          budgetYear: loaded.budgetYear,
          title,
          filePath,
          sha256,
          sizeBytes: bytes.length,
          templateFile,
          dataSnapshot: JSON.stringify(loaded.data),
          generatedBy: caller.actor.userId,
          generatedByLabel: caller.actor.label,
          generatedAt: loaded.data.generatedAt,
        }),
      )
      .returning()
      .get();
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "archivedReport",
      entityId: row.id,
      action: "issue",
      changes: newValues({ reportType: request.type, subjectType: loaded.subjectType, subjectId: loaded.subjectId }),
      details: {
        sha256,
        sizeBytes: bytes.length,
        ...(request.earlyReason?.trim() ? { early: true, earlyReason: request.earlyReason.trim() } : {}),
      },
    });
    return row;
  });
}

export function findArchivedReport(db: DbOrTx, tenant: Tenant, id: number): ArchivedReport | undefined {
  return db.select().from(archivedReports).where(scoped(archivedReports, tenant, eq(archivedReports.id, id))).get();
}

/** The stored bytes of an archived report, checked against its SHA-256. */
export function archivedReportBytes(report: ArchivedReport): Buffer {
  const bytes = fs.readFileSync(path.join(dataDirectory(), report.filePath));
  const sha = crypto.createHash("sha256").update(bytes).digest("hex");
  if (sha !== report.sha256) throw new Error(`archived report ${report.id}: file hash ${sha} does not match ${report.sha256}`);
  return bytes;
}

export function listArchivedReports(db: DbOrTx, tenant: Tenant, filter: { subjectType?: string; subjectId?: number; reportType?: string } = {}) {
  return db
    .select({
      id: archivedReports.id,
      reportType: archivedReports.reportType,
      subjectType: archivedReports.subjectType,
      subjectId: archivedReports.subjectId,
      budgetYear: archivedReports.budgetYear,
      title: archivedReports.title,
      sha256: archivedReports.sha256,
      sizeBytes: archivedReports.sizeBytes,
      generatedByLabel: archivedReports.generatedByLabel,
      generatedByName: users.name,
      generatedAt: archivedReports.generatedAt,
    })
    .from(archivedReports)
    .leftJoin(users, eq(users.id, archivedReports.generatedBy))
    .where(
      scoped(
        archivedReports,
        tenant,
        filter.subjectType ? eq(archivedReports.subjectType, filter.subjectType) : undefined,
        filter.subjectId ? eq(archivedReports.subjectId, filter.subjectId) : undefined,
        filter.reportType ? eq(archivedReports.reportType, filter.reportType) : undefined,
      ),
    )
    .orderBy(desc(archivedReports.generatedAt), desc(archivedReports.id))
    .all();
}

/** Whether an archived report of this type exists for the subject (the workflow guard reads this). */
export function hasArchivedReport(
  db: DbOrTx,
  tenant: Tenant,
  type: ReportType,
  subjectId: number,
  options: { finalOnly?: boolean } = {},
): boolean {
  const subject = and(eq(archivedReports.reportType, type), eq(archivedReports.subjectType, REPORT_SUBJECT[type]), eq(archivedReports.subjectId, subjectId));
  const final = options.finalOnly ? issuedReport() : undefined;
  return db.select({ id: archivedReports.id }).from(archivedReports).where(scoped(archivedReports, tenant, and(subject, final))).get() !== undefined;
}

export const LOGO_TYPES: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg" };
const MAX_LOGO_BYTES = 1024 * 1024;

/** Uploads (or replaces) the Kommune's logo for report headers. */
export function saveLogo(caller: ReportCaller, bytes: Uint8Array): void {
  assertCan(caller, "report.manageLogo");
  if (bytes.length === 0) throw new ValidationError({ logo: ["Bitte wählen Sie eine Bilddatei aus."] });
  if (bytes.length > MAX_LOGO_BYTES) throw new ValidationError({ logo: ["Das Logo darf höchstens 1 MB groß sein."] });
  const check = checkLogo(bytes);
  if (!check.ok) throw new ValidationError({ logo: [check.message] });
  const { mimeType } = check;
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const relative = path.join("logos", `${sha256}.${LOGO_TYPES[mimeType]}`);
  const file = path.join(dataDirectory(), relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  transaction((tx) => {
    const existing = tx.select().from(reportLogos).where(scoped(reportLogos, caller)).get();
    if (existing) {
      updateVersioned(tx, reportLogos, caller, existing.id, existing.version, {
        filePath: relative,
        mimeType,
        sha256,
        uploadedBy: caller.actor.userId,
        uploadedAt: new Date().toISOString(),
      });
    } else {
      tx.insert(reportLogos).values(tenantRow(caller, { filePath: relative, mimeType, sha256, uploadedBy: caller.actor.userId })).run();
    }
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "reportLogo",
      entityId: caller.municipalityId,
      action: existing ? "replace" : "upload",
      details: { sha256, mimeType, sizeBytes: bytes.length },
    });
  });
}

export function currentLogo(db: DbOrTx, tenant: Tenant) {
  return db.select().from(reportLogos).where(scoped(reportLogos, tenant)).get();
}
