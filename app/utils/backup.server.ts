import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { z } from "zod";
import { databasePath, dataDirectory } from "./db.server";
import { env } from "./env.server";

/**
 * Backups while the server runs: the database through SQLite's online backup API (a consistent
 * snapshot, whatever the server writes meanwhile), then every stored file of the data directory
 * (documents, proofs, archived reports, logos, the session secret), with a manifest of SHA-256 sums.
 * A backup is written under `<name>.partial` and renamed when complete, so a crash never leaves a
 * half backup that looks whole. Restoring is in restore.server.ts.
 */

export const MANIFEST_FILE = "manifest.json";
export const SUMS_FILE = "SHA256SUMS";
export const DATABASE_FILE = "database.sqlite";
const BACKUP_NAME = /^fahrplan-\d{8}T\d{6}(\d{3})?Z$/;

export const ManifestSchema = z.object({
  format: z.literal("fahrplan-backup"),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.literal(DATABASE_FILE),
  audit: z.object({ entries: z.number().int().nonnegative(), lastHash: z.string().nullable() }),
  entries: z.array(z.object({ path: z.string().min(1), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type Manifest = z.infer<typeof ManifestSchema>;

export interface BackupResult {
  directory: string;
  manifest: Manifest;
  removed: string[];
}

export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Files of the data directory that belong in a backup: everything but the live database files. */
export function storedFiles(dataDir: string, exclude: string[]): string[] {
  const skip = new Set(exclude.map((p) => path.resolve(p)));
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (skip.has(full)) continue;
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) found.push(path.relative(dataDir, full));
    }
  };
  walk(dataDir);
  return found.sort();
}

function timestampName(now: Date): string {
  return `fahrplan-${now.toISOString().replace(/[-:]/g, "").replace(/\.(\d{3})Z$/, "$1Z")}`;
}

/**
 * Copies the database page by page in one backup step: SQLite restarts a stepwise backup whenever
 * another connection writes, so under steady load small steps might never finish, while one step
 * reads a single consistent snapshot (in WAL mode the server keeps writing meanwhile).
 */
async function backupDatabase(source: string, target: string): Promise<Manifest["audit"]> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  // A single self-contained file: no WAL beside it.
  const copy = new Database(target);
  try {
    copy.pragma("journal_mode = DELETE");
    const last = copy.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").get() as { id: number; hash: string } | undefined;
    const count = (copy.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
    return { entries: count, lastHash: last?.hash ?? null };
  } finally {
    copy.close();
  }
}

/** Where a new backup goes: `--out DIR` (must not exist or be empty), or a new folder in BACKUP_DIR. */
function targetDirectory(out: string | undefined, now: Date): { directory: string; retention: string | null } {
  if (out) {
    const directory = path.resolve(out);
    if (fs.existsSync(directory) && fs.readdirSync(directory).length > 0) {
      throw new Error(`Zielordner ist nicht leer / target directory is not empty: ${directory}`);
    }
    return { directory, retention: null };
  }
  const base = path.resolve(env().BACKUP_DIR);
  return { directory: path.join(base, timestampName(now)), retention: base };
}

/** When the newest complete backup in `base` was taken (from its folder name), or null. */
export function latestBackupAt(base: string): Date | null {
  if (!fs.existsSync(base)) return null;
  const newest = fs
    .readdirSync(base)
    .filter((name) => BACKUP_NAME.test(name) && fs.existsSync(path.join(base, name, MANIFEST_FILE)))
    .sort()
    .at(-1);
  if (!newest) return null;
  const m = /^fahrplan-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(newest)!;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +(m[7] ?? 0)));
}

/**
 * The optional backup schedule (`BACKUP_INTERVAL_HOURS`, 0 = off): a new backup into BACKUP_DIR
 * when the newest there is older than the interval (also right after a restart that missed one),
 * keeping the BACKUP_KEEP newest. Returns the backup made, or null when none was due.
 */
export async function runScheduledBackup(now: Date = new Date()): Promise<BackupResult | null> {
  const hours = env().BACKUP_INTERVAL_HOURS;
  if (hours === 0) return null;
  const last = latestBackupAt(path.resolve(env().BACKUP_DIR));
  if (last && now.getTime() - last.getTime() < hours * 3_600_000) return null;
  return createBackup({ now });
}

/** Deletes all but the `keep` newest complete backups in `base`. */
export function pruneBackups(base: string, keep: number): string[] {
  if (!fs.existsSync(base)) return [];
  const complete = fs
    .readdirSync(base)
    .filter((name) => BACKUP_NAME.test(name) && fs.existsSync(path.join(base, name, MANIFEST_FILE)))
    .sort()
    .reverse();
  const removed = complete.slice(keep);
  for (const name of removed) fs.rmSync(path.join(base, name), { recursive: true, force: true });
  return removed.map((name) => path.join(base, name));
}

export async function createBackup(options: { out?: string; now?: Date } = {}): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const source = databasePath();
  if (!fs.existsSync(source)) throw new Error(`Datenbank nicht gefunden / database not found: ${source}`);
  const { directory, retention } = targetDirectory(options.out, now);
  const partial = `${directory}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true, mode: 0o700 });
  try {
    // The database first: every file it refers to was written before its row committed.
    const audit = await backupDatabase(source, path.join(partial, DATABASE_FILE));
    const dataDir = dataDirectory();
    const liveFiles = ["", "-wal", "-shm", "-journal"].map((suffix) => `${source}${suffix}`);
    const backupRoots = [retention, directory, partial].filter((p): p is string => p !== null);
    const entries: Manifest["entries"] = [];
    const dbStat = fs.statSync(path.join(partial, DATABASE_FILE));
    entries.push({ path: DATABASE_FILE, bytes: dbStat.size, sha256: await sha256File(path.join(partial, DATABASE_FILE)) });
    for (const relative of storedFiles(dataDir, [...liveFiles, ...backupRoots])) {
      const target = path.join(partial, "files", relative);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      try {
        fs.copyFileSync(path.join(dataDir, relative), target);
      } catch (error) {
        // Deleted between listing and copying (e.g. a replaced upload): not part of this backup.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
        throw error;
      }
      entries.push({ path: `files/${relative.split(path.sep).join("/")}`, bytes: fs.statSync(target).size, sha256: await sha256File(target) });
    }
    const manifest: Manifest = { format: "fahrplan-backup", version: 1, createdAt: now.toISOString(), database: DATABASE_FILE, audit, entries };
    fs.writeFileSync(path.join(partial, SUMS_FILE), entries.map((e) => `${e.sha256}  ${e.path}\n`).join(""));
    fs.writeFileSync(path.join(partial, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(partial, directory);
    const removed = retention ? pruneBackups(retention, env().BACKUP_KEEP) : [];
    return { directory, manifest, removed };
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
