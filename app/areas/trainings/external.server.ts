import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { employees, externalTrainings, memberships, units, users } from "../../../db/schema";
import { newValues, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, dataDirectory, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { type Tenant, scoped, tenantRow } from "../../utils/tenant.server";
import { type PersonalDataScope, findEmployee } from "./access.server";
import { checkProofFile } from "./proof-file";
import { mailExternalDecision } from "./mails.server";
import { notifyEmployee } from "./session-workflow.server";
import type { AreaCaller } from "../../utils/caller.server";
import { assertCan } from "../../utils/permissions";

export interface ExternalTrainingInput {
  title: string;
  provider: string;
  date: string;
  durationMinutes: number;
}

export interface ProofUpload {
  name: string;
  bytes: Uint8Array;
}

export function proofDirectory(): string {
  return path.join(dataDirectory(), "uploads", "external-trainings");
}

/** Stores the proof content-addressed (SHA-256 file name): the same file is kept once. */
function storeProof(bytes: Uint8Array): string {
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const dir = proofDirectory();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, sha256);
  if (!fs.existsSync(file)) fs.writeFileSync(file, bytes, { flag: "wx" });
  return sha256;
}

/** A person logs an external training for themselves; it waits for the supervisor. */
export function logExternalTraining(caller: AreaCaller, employeeId: number, input: ExternalTrainingInput, proof: ProofUpload | null): number {
  assertCan(caller, "training.register");
  let proofFields = {};
  if (proof) {
    const check = checkProofFile(proof.bytes);
    if (!check.ok) throw new ValidationError({ proof: [check.message] });
    proofFields = { proofSha256: storeProof(proof.bytes), proofFileName: path.basename(proof.name).slice(0, 200), proofMimeType: check.mime };
  }
  return transaction((tx) => {
    const employee = findEmployee(tx, caller, employeeId);
    if (!employee) throw new ValidationError({ form: ["Ihr Beschäftigtendatensatz wurde nicht gefunden."] });
    const row = tx
      .insert(externalTrainings)
      .values(tenantRow(caller, { ...input, ...proofFields, employeeId, unitId: employee.unitId }))
      .returning({ id: externalTrainings.id })
      .get();
    writeAudit(tx, { actor: caller.actor, municipalityId: caller.municipalityId, entity: "externalTraining", entityId: row.id, action: "create", changes: newValues({ ...input, ...proofFields }) });
    return row.id;
  });
}

export function getExternalTraining(tenant: Tenant, id: number) {
  return getDb().select().from(externalTrainings).where(scoped(externalTrainings, tenant, eq(externalTrainings.id, id))).get();
}

/**
 * Units whose external trainings no supervisor with a login can decide: no active supervisor
 * with an account in this Kommune in the unit or above it (other than the person who logged the
 * entry). Their entries go to the Kommune-wide roles (CDO office, admin) instead of waiting
 * for nobody. `excludeEmployeeId` leaves out the person themselves (a supervisor's own entry).
 */
export function unitHasDecider(db: DbOrTx, tenant: Tenant, unitId: number, excludeEmployeeId: number | null): boolean {
  const parents = new Map(db.select({ id: units.id, parentId: units.parentId }).from(units).where(scoped(units, tenant)).all().map((u) => [u.id, u.parentId]));
  const chain = new Set<number>();
  for (let u: number | null | undefined = unitId; u != null && !chain.has(u); u = parents.get(u)) chain.add(u);
  const deciders = db
    .select({ id: employees.id })
    .from(employees)
    .innerJoin(memberships, and(eq(memberships.employeeId, employees.id), eq(memberships.municipalityId, employees.municipalityId)))
    .innerJoin(users, and(eq(users.id, memberships.userId), eq(users.active, true)))
    .where(scoped(employees, tenant, eq(employees.isSupervisor, true), eq(employees.active, true), inArray(employees.unitId, [...chain])))
    .all();
  return deciders.some((d) => d.id !== excludeEmployeeId);
}

/** Whether the caller decides this entry: its unit's supervisor, or the CDO office when there is none. */
function decidesEntry(db: DbOrTx, tenant: Tenant, scope: PersonalDataScope, entry: { unitId: number; employeeId: number | null }): boolean {
  if (scope.unitIds.includes(entry.unitId)) return true;
  return scope.all && !unitHasDecider(db, tenant, entry.unitId, entry.employeeId);
}

/**
 * The supervisor (of the person's unit) confirms or rejects; where no supervisor has a login,
 * the CDO office does. Nobody decides about their own entry, and everyone else gets a German
 * refusal.
 */
export function decideExternalTraining(
  caller: AreaCaller & { employeeId: number | null },
  scope: PersonalDataScope,
  id: number,
  expectedVersion: number,
  decision: { confirm: boolean; reason: string | null },
): void {
  assertCan(caller, "training.register");
  transaction((tx) => {
    const row = tx.select().from(externalTrainings).where(scoped(externalTrainings, caller, eq(externalTrainings.id, id))).get();
    if (!row || row.employeeId == null) throw new ValidationError({ form: ["Diesen Eintrag gibt es nicht."] });
    if (!decidesEntry(tx, caller, scope, row)) {
      throw new ValidationError({ form: ["Nur die Führungskraft der Einheit (oder, wenn sie kein Konto hat, das CDO-Büro) kann externe Fortbildungen bestätigen oder ablehnen."] });
    }
    if (row.employeeId === caller.employeeId) throw new ValidationError({ form: ["Eigene Fortbildungen bestätigt Ihre Führungskraft, nicht Sie selbst."] });
    if (row.status !== "pending") throw new ValidationError({ form: ["Über diesen Eintrag wurde bereits entschieden."] });
    if (!decision.confirm && !decision.reason) throw new ValidationError({ reason: ["Bitte begründen Sie die Ablehnung."] });
    const result = tx
      .update(externalTrainings)
      .set({
        status: decision.confirm ? "confirmed" : "rejected",
        decidedAt: new Date().toISOString(),
        decidedByUserId: caller.actor.userId,
        rejectionReason: decision.confirm ? null : decision.reason,
        version: sql`${externalTrainings.version} + 1`,
      })
      .where(scoped(externalTrainings, caller, eq(externalTrainings.id, id), eq(externalTrainings.version, expectedVersion)))
      .run();
    if (result.changes !== 1) throw new ConflictError();
    writeAudit(tx, {
      actor: caller.actor,
      municipalityId: caller.municipalityId,
      entity: "externalTraining",
      entityId: id,
      action: decision.confirm ? "confirm" : "reject",
      details: { reason: decision.reason },
    });
    notifyEmployee(
      tx,
      caller,
      row.employeeId,
      decision.confirm
        ? `Ihre externe Fortbildung „${row.title}“ wurde bestätigt.`
        : `Ihre externe Fortbildung „${row.title}“ wurde abgelehnt: ${decision.reason}`,
      "/schulungen/extern",
    );
    mailExternalDecision(tx, caller, {
      employeeId: row.employeeId,
      title: row.title,
      confirmed: decision.confirm,
      reason: decision.reason ?? null,
      by: caller.actor.label,
    });
  });
}

const columns = {
  id: externalTrainings.id,
  employeeId: externalTrainings.employeeId,
  unitId: externalTrainings.unitId,
  unitName: units.name,
  title: externalTrainings.title,
  provider: externalTrainings.provider,
  date: externalTrainings.date,
  durationMinutes: externalTrainings.durationMinutes,
  status: externalTrainings.status,
  rejectionReason: externalTrainings.rejectionReason,
  hasProof: sql<number>`${externalTrainings.proofSha256} IS NOT NULL`,
  version: externalTrainings.version,
  firstName: employees.firstName,
  lastName: employees.lastName,
};

export function externalTrainingsOf(tenant: Tenant, employeeId: number) {
  return getDb()
    .select(columns)
    .from(externalTrainings)
    .innerJoin(units, eq(units.id, externalTrainings.unitId))
    .leftJoin(employees, eq(employees.id, externalTrainings.employeeId))
    .where(scoped(externalTrainings, tenant, eq(externalTrainings.employeeId, employeeId)))
    .orderBy(desc(externalTrainings.date))
    .all();
}

/**
 * Entries waiting for this caller, oldest first: those of the units they lead, and for the CDO
 * office also those of units without a supervisor who has a login.
 */
export function pendingForSupervisor(tenant: Tenant, scope: PersonalDataScope, ownEmployeeId: number | null) {
  if (!scope.unitIds.length && !scope.all) return [];
  const db = getDb();
  return db
    .select(columns)
    .from(externalTrainings)
    .innerJoin(units, eq(units.id, externalTrainings.unitId))
    .leftJoin(employees, eq(employees.id, externalTrainings.employeeId))
    .where(
      scoped(
        externalTrainings,
        tenant,
        eq(externalTrainings.status, "pending"),
        scope.all ? undefined : inArray(externalTrainings.unitId, scope.unitIds),
        ownEmployeeId != null ? and(sql`${externalTrainings.employeeId} <> ${ownEmployeeId}`) : undefined,
      ),
    )
    .orderBy(externalTrainings.createdAt)
    .all()
    .filter((entry) => decidesEntry(db, tenant, scope, entry))
    .map((entry) => ({ ...entry, viaCdoOffice: !scope.unitIds.includes(entry.unitId) }));
}

/** The proof file of an entry, for its owner and for whoever may see the person's records. */
export function readProof(tenant: Tenant, id: number, callerEmployeeId: number | null, scope: PersonalDataScope) {
  const row = getExternalTraining(tenant, id);
  if (!row || !row.proofSha256 || row.employeeId == null) return undefined;
  if (!(row.employeeId === callerEmployeeId || scope.all || scope.unitIds.includes(row.unitId))) return undefined;
  const file = path.join(proofDirectory(), row.proofSha256);
  if (!fs.existsSync(file)) return undefined;
  return { bytes: fs.readFileSync(file), mime: row.proofMimeType ?? "application/octet-stream", name: row.proofFileName ?? "nachweis" };
}
