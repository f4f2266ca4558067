import { and, desc, eq, isNull } from "drizzle-orm";
import { maturityCatalogueDrafts, maturityCatalogues, maturityProviderCatalogues, serviceProviders, users } from "../../../db/schema";
import type { ProviderRole } from "../../../db/schema/rollin";
import { type Actor, writeAudit } from "../../utils/audit.server";
import { type DbOrTx, type Tx, getDb, transaction } from "../../utils/db.server";
import { ConflictError, ValidationError } from "../../utils/errors";
import { forbidden } from "../../utils/http.server";
import { providerRoleOf } from "../auth/access.server";
import { parseCatalogueJson } from "./catalogue";
import { catalogueItems, catalogueSource, insertCatalogue, latestCatalogue, latestProviderCatalogue } from "./catalogue.server";

/**
 * Who edits the maturity catalogue: the platform administration edits the platform default, the
 * coordination of a Roll-in-Service edits its provider's catalogue (used by the Kommunen it
 * serves). Nobody else, whatever their role in a Kommune. Built from the session only.
 */
export interface CatalogueEditor {
  readonly actor: Actor;
  readonly isPlatformAdmin: boolean;
  readonly serviceProviderId: number | null;
  readonly providerName: string | null;
  readonly providerRole: ProviderRole | null;
}

export type CatalogueScope = { kind: "platform" } | { kind: "provider"; serviceProviderId: number };

export function catalogueEditorFor(db: DbOrTx, userId: number): CatalogueEditor {
  const user = db
    .select({ email: users.email, isPlatformAdmin: users.isPlatformAdmin, serviceProviderId: users.serviceProviderId, providerName: serviceProviders.name })
    .from(users)
    .leftJoin(serviceProviders, eq(serviceProviders.id, users.serviceProviderId))
    .where(and(eq(users.id, userId), eq(users.active, true)))
    .get();
  return {
    actor: { userId, label: user?.email ?? String(userId) },
    isPlatformAdmin: user?.isPlatformAdmin ?? false,
    serviceProviderId: user?.serviceProviderId ?? null,
    providerName: user?.providerName ?? null,
    providerRole: user?.serviceProviderId ? providerRoleOf(userId) : null,
  };
}

/** The catalogues this person may edit: the platform default and/or their provider's. */
export function editableScopes(editor: CatalogueEditor): CatalogueScope[] {
  const scopes: CatalogueScope[] = [];
  if (editor.isPlatformAdmin) scopes.push({ kind: "platform" });
  if (editor.serviceProviderId !== null && editor.providerRole === "coordinator") scopes.push({ kind: "provider", serviceProviderId: editor.serviceProviderId });
  return scopes;
}

export function mayEdit(editor: CatalogueEditor, scope: CatalogueScope): boolean {
  return editableScopes(editor).some((s) => s.kind === scope.kind && (s.kind === "platform" || (scope.kind === "provider" && s.serviceProviderId === scope.serviceProviderId)));
}

function assertMayEdit(editor: CatalogueEditor, scope: CatalogueScope): void {
  if (mayEdit(editor, scope)) return;
  forbidden(
    scope.kind === "platform"
      ? "Den Reifegradkatalog der Plattform pflegt nur die Plattform-Administration."
      : "Den Katalog eines Roll-in-Service pflegt nur dessen Koordination.",
  );
}

const scopeWhere = (scope: CatalogueScope) =>
  scope.kind === "platform" ? isNull(maturityCatalogueDrafts.serviceProviderId) : eq(maturityCatalogueDrafts.serviceProviderId, scope.serviceProviderId);

export function catalogueDraft(db: DbOrTx, scope: CatalogueScope) {
  return db.select().from(maturityCatalogueDrafts).where(scopeWhere(scope)).get();
}

/** The published version the scope's Kommunen use now (a provider without its own: the platform's). */
export function publishedFor(db: DbOrTx, scope: CatalogueScope) {
  return (scope.kind === "provider" ? latestProviderCatalogue(db, [scope.serviceProviderId]) : undefined) ?? latestCatalogue(db);
}

/** The text the editor starts from: the saved draft, else the version in use as JSON. */
export function draftSource(db: DbOrTx, scope: CatalogueScope): string {
  const draft = catalogueDraft(db, scope);
  if (draft) return draft.source;
  const published = publishedFor(db, scope);
  return published ? catalogueSource(published.title, catalogueItems(db, published.id)) : "";
}

const details = (scope: CatalogueScope) => (scope.kind === "platform" ? { scope: "platform" } : { scope: "provider", serviceProviderId: scope.serviceProviderId });

function parsedOrThrow(source: string) {
  const parsed = parseCatalogueJson(source);
  if (!parsed.ok) throw new ValidationError({ source: parsed.errors });
  return parsed.catalogue;
}

/**
 * Saves the draft of the next version (JSON, validated with German messages; an invalid text is
 * not saved). `expectedVersion` 0 creates it; otherwise the draft must still have that version.
 */
export function saveCatalogueDraft(editor: CatalogueEditor, scope: CatalogueScope, source: string, expectedVersion: number): number {
  assertMayEdit(editor, scope);
  const catalogue = parsedOrThrow(source);
  return transaction((tx) => {
    const existing = catalogueDraft(tx, scope);
    if ((existing?.version ?? 0) !== expectedVersion) throw new ConflictError();
    const values = { source, updatedByUserId: editor.actor.userId, updatedAt: new Date().toISOString() };
    let id: number;
    if (existing) {
      tx.update(maturityCatalogueDrafts).set({ ...values, version: existing.version + 1 }).where(eq(maturityCatalogueDrafts.id, existing.id)).run();
      id = existing.id;
    } else {
      id = tx.insert(maturityCatalogueDrafts).values({ ...values, serviceProviderId: scope.kind === "provider" ? scope.serviceProviderId : null }).returning({ id: maturityCatalogueDrafts.id }).get().id;
    }
    writeAudit(tx, {
      actor: editor.actor,
      municipalityId: null,
      entity: "maturityCatalogue",
      entityId: null,
      action: "update",
      details: { ...details(scope), draft: id, title: catalogue.title, items: catalogue.items.length },
    });
    return expectedVersion + 1;
  });
}

/** Drops the draft (audited); the published versions stay. */
export function discardCatalogueDraft(editor: CatalogueEditor, scope: CatalogueScope): void {
  assertMayEdit(editor, scope);
  transaction((tx) => {
    const existing = catalogueDraft(tx, scope);
    if (!existing) return;
    tx.delete(maturityCatalogueDrafts).where(eq(maturityCatalogueDrafts.id, existing.id)).run();
    writeAudit(tx, { actor: editor.actor, municipalityId: null, entity: "maturityCatalogue", entityId: null, action: "delete", details: { ...details(scope), draft: existing.id } });
  });
}

function publishIn(tx: Tx, editor: CatalogueEditor, scope: CatalogueScope, source: string) {
  const catalogue = parsedOrThrow(source);
  const { id, version } = insertCatalogue(tx, catalogue, editor.actor.userId);
  if (scope.kind === "provider") tx.insert(maturityProviderCatalogues).values({ catalogueId: id, serviceProviderId: scope.serviceProviderId }).run();
  writeAudit(tx, {
    actor: editor.actor,
    municipalityId: null,
    entity: "maturityCatalogue",
    entityId: id,
    action: "publish",
    details: { ...details(scope), catalogueVersion: version, title: catalogue.title, items: catalogue.items.length },
  });
  return { version };
}

/**
 * Publishes the saved draft as the next version of its scope and removes the draft; new
 * assessments of the scope's Kommunen use it, running ones keep theirs.
 */
export function publishCatalogueDraft(editor: CatalogueEditor, scope: CatalogueScope, expectedVersion: number, db: DbOrTx = getDb()): { version: number } {
  assertMayEdit(editor, scope);
  if (!catalogueDraft(db, scope)) throw new ValidationError({ source: ["Es gibt keinen gespeicherten Entwurf. Speichern Sie den Entwurf zuerst."] });
  return transaction((tx) => {
    const draft = catalogueDraft(tx, scope)!;
    if (draft.version !== expectedVersion) throw new ConflictError();
    const result = publishIn(tx, editor, scope, draft.source);
    tx.delete(maturityCatalogueDrafts).where(eq(maturityCatalogueDrafts.id, draft.id)).run();
    return result;
  });
}

/** The published versions of a scope, newest first, with their number of items. */
export function scopeVersions(db: DbOrTx, scope: CatalogueScope) {
  const rows = db
    .select({ id: maturityCatalogues.id, version: maturityCatalogues.version, title: maturityCatalogues.title, createdAt: maturityCatalogues.createdAt, providerId: maturityProviderCatalogues.serviceProviderId })
    .from(maturityCatalogues)
    .leftJoin(maturityProviderCatalogues, eq(maturityProviderCatalogues.catalogueId, maturityCatalogues.id))
    .orderBy(desc(maturityCatalogues.version))
    .all()
    .filter((r) => (scope.kind === "platform" ? r.providerId === null : r.providerId === scope.serviceProviderId));
  return rows.map((r) => ({ ...r, items: catalogueItems(db, r.id).length }));
}
