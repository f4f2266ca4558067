import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { applicationDocuments } from "../../../db/schema";
import type { DocumentType } from "../../../db/schema/funding";
import { newValues, writeAudit } from "../../utils/audit.server";
import type { AppContext } from "../../utils/context.server";
import { type DbOrTx, dataDirectory, getDb, transaction } from "../../utils/db.server";
import { ValidationError } from "../../utils/errors";
import { notFound } from "../../utils/http.server";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { requireApplication } from "./applications.server";
import { checkDocument } from "./documents";
import { assertCan } from "../../utils/permissions";

export function documentsDirectory(): string {
  return path.join(dataDirectory(), "documents");
}

export function listDocuments(tenant: Tenant, applicationId: number, db: DbOrTx = getDb()) {
  return db
    .select()
    .from(applicationDocuments)
    .where(scoped(applicationDocuments, tenant, eq(applicationDocuments.applicationId, applicationId)))
    .orderBy(asc(applicationDocuments.createdAt), asc(applicationDocuments.id))
    .all();
}

/**
 * Stores an uploaded file under documents/<sha256> (identical content is stored once) and records
 * it for the application. Refused files leave nothing behind.
 */
export async function storeDocument(ctx: AppContext, applicationId: number, file: File, documentType: DocumentType): Promise<number> {
  assertCan(ctx, "funding.edit");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const check = checkDocument({ name: file.name, size: bytes.byteLength, head: bytes.subarray(0, 16) });
  if (!check.ok) throw new ValidationError({ file: [check.message] });
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  requireApplication(ctx, applicationId);
  const dir = documentsDirectory();
  fs.mkdirSync(dir, { recursive: true });
  const target = path.join(dir, sha256);
  if (!fs.existsSync(target)) {
    const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, target);
  }
  return transaction((tx) => {
    requireApplication(ctx, applicationId, tx);
    const row = tx
      .insert(applicationDocuments)
      .values(
        tenantRow(ctx, {
          applicationId,
          documentType,
          fileName: path.basename(file.name).slice(0, 200),
          mimeType: check.mimeType,
          sizeBytes: bytes.byteLength,
          sha256,
          uploadedBy: ctx.user.id,
        }),
      )
      .returning({ id: applicationDocuments.id })
      .get();
    writeAudit(tx, {
      actor: ctx.actor,
      municipalityId: ctx.municipalityId,
      entity: "applicationDocument",
      entityId: row.id,
      action: "upload",
      changes: newValues({ documentType, fileName: file.name }),
      details: { sha256, sizeBytes: bytes.byteLength },
      parent: { entity: "fundingApplication", id: applicationId },
    });
    return row.id;
  });
}

/** The stored file of one of the Kommune's documents; anything else is a 404. */
export function readDocument(tenant: Tenant, applicationId: number, documentId: number) {
  const row =
    getDb()
      .select()
      .from(applicationDocuments)
      .where(scoped(applicationDocuments, tenant, eq(applicationDocuments.id, documentId), eq(applicationDocuments.applicationId, applicationId)))
      .get() ?? notFound("Dieses Dokument wurde nicht gefunden.");
  const file = path.join(documentsDirectory(), row.sha256);
  if (!fs.existsSync(file)) notFound("Die Datei dieses Dokuments fehlt im Ablagespeicher.");
  return { row, content: fs.readFileSync(file) };
}
