import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { verifyAuditLog } from "./audit-verify.cli";
import { DATABASE_FILE, MANIFEST_FILE, type Manifest, ManifestSchema, SUMS_FILE, sha256File } from "./backup.server";
import { databasePath } from "./db.server";

/**
 * Restores a backup (backup.server.ts) into an empty data directory: the manifest must match every
 * file byte for byte, the database must pass `PRAGMA integrity_check` and `foreign_key_check`, and
 * the audit log's hash chain must be intact. Only then are the files copied and the database moved
 * into place, last; on any failure the data directory is left empty again.
 */

export class RestoreError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super([message, ...problems.map((p) => `  - ${p}`)].join("\n"));
    this.name = "RestoreError";
  }
}

export interface RestoreResult {
  databasePath: string;
  files: number;
  auditEntries: number;
}

function readManifest(from: string): Manifest {
  const file = path.join(from, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new RestoreError(`Kein lesbares Manifest / no readable manifest: ${file}`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) throw new RestoreError(`Manifest ungültig / manifest invalid: ${file}`, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  return parsed.data;
}

/** A manifest path must stay inside the backup (no absolute paths, no `..`). */
function safeRelative(entry: string): boolean {
  const normal = path.posix.normalize(entry);
  return !path.posix.isAbsolute(normal) && !normal.startsWith("../") && normal !== ".." && normal === entry;
}

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listFiles(full, base) : [path.relative(base, full).split(path.sep).join("/")];
  });
}

export async function verifyBackup(from: string): Promise<Manifest> {
  const manifest = readManifest(from);
  const problems: string[] = [];
  const listed = new Set(manifest.entries.map((e) => e.path));
  if (!listed.has(DATABASE_FILE)) problems.push(`${DATABASE_FILE}: fehlt im Manifest / missing from manifest`);
  for (const entry of manifest.entries) {
    if (!safeRelative(entry.path) || (entry.path !== DATABASE_FILE && !entry.path.startsWith("files/"))) {
      problems.push(`${entry.path}: unzulässiger Pfad / path not allowed`);
      continue;
    }
    const file = path.join(from, entry.path);
    if (!fs.existsSync(file)) {
      problems.push(`${entry.path}: fehlt / missing`);
      continue;
    }
    if (fs.statSync(file).size !== entry.bytes || (await sha256File(file)) !== entry.sha256) {
      problems.push(`${entry.path}: Prüfsumme stimmt nicht / checksum mismatch`);
    }
  }
  for (const file of listFiles(from)) {
    if (file !== MANIFEST_FILE && file !== SUMS_FILE && !listed.has(file)) problems.push(`${file}: nicht im Manifest / not in manifest`);
  }
  if (problems.length) throw new RestoreError("Sicherung beschädigt oder verändert / backup damaged or altered:", problems);
  return manifest;
}

/** integrity_check, foreign keys and the audit chain of a database file. */
export function checkDatabase(file: string): { auditEntries: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== "ok") {
      throw new RestoreError("Datenbank beschädigt (integrity_check) / database corrupt:", integrity.slice(0, 20));
    }
    const orphans = db.pragma("foreign_key_check") as { table: string; rowid: number; parent: string }[];
    if (orphans.length) {
      throw new RestoreError("Verweise ins Leere (foreign_key_check) / dangling foreign keys:", orphans.slice(0, 20).map((o) => `${o.table} #${o.rowid} → ${o.parent}`));
    }
    const audit = verifyAuditLog(db);
    if (audit.problems.length) {
      throw new RestoreError("Änderungsprotokoll manipuliert oder unvollständig / audit chain broken:", audit.problems.map((p) => `Eintrag/entry ${p.id}: ${p.problem}`));
    }
    return { auditEntries: audit.checked };
  } catch (error) {
    // A page so damaged that SQLite cannot even read it fails before integrity_check answers.
    if (error instanceof Database.SqliteError && /^SQLITE_(CORRUPT|NOTADB)/.test(error.code)) {
      throw new RestoreError("Datenbank beschädigt / database corrupt:", [error.message]);
    }
    throw error;
  } finally {
    db?.close();
  }
}

export async function restoreBackup(from: string, target = databasePath()): Promise<RestoreResult> {
  const source = path.resolve(from);
  if (!fs.existsSync(source) || !fs.statSync(source).isDirectory()) throw new RestoreError(`Sicherung nicht gefunden / backup not found: ${source}`);
  const dataDir = path.dirname(path.resolve(target));
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
    throw new RestoreError(`Zielordner ist nicht leer, nichts wurde verändert / target directory is not empty, nothing was changed: ${dataDir}`);
  }
  const manifest = await verifyBackup(source);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const staging = path.join(dataDir, ".restore.sqlite");
  try {
    fs.copyFileSync(path.join(source, DATABASE_FILE), staging);
    const { auditEntries } = checkDatabase(staging);
    let files = 0;
    for (const entry of manifest.entries) {
      if (entry.path === DATABASE_FILE) continue;
      const destination = path.join(dataDir, entry.path.slice("files/".length));
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.copyFileSync(path.join(source, entry.path), destination);
      files++;
    }
    fs.renameSync(staging, path.resolve(target));
    return { databasePath: path.resolve(target), files, auditEntries };
  } catch (error) {
    for (const name of fs.readdirSync(dataDir)) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
    throw error;
  }
}
