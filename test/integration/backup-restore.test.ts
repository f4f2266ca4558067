import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditLog } from "~/utils/audit-verify.cli";
import { DATABASE_FILE, MANIFEST_FILE, createBackup, latestBackupAt, runScheduledBackup } from "~/utils/backup.server";
import { BACKGROUND_JOBS } from "~/utils/jobs.server";
import { dataDirectory, databasePath, getSqlite } from "~/utils/db.server";
import { RestoreError, checkDatabase, restoreBackup } from "~/utils/restore.server";

// Backup under write load and restore (issue 16, "Backup and restore").

const work = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-backup-test-"));
let backupDir: string;
let ackedBeforeBackup = -1;
let ackedTotal = -1;

function startWriter(): { child: ChildProcess; acked: () => number } {
  let last = -1;
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/backup-writer.ts"], {
    env: { ...process.env, DATABASE_PATH: databasePath() },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let buffer = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines) if (line.startsWith("ack ")) last = Number(line.slice(4));
  });
  return { child, acked: () => last };
}

async function until(check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function restoredWriterRounds(file: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare("SELECT entity_id AS round FROM audit_log WHERE actor_label = 'Lasttest' ORDER BY audit_log.id").all() as { round: string }[];
    return rows.map((r) => Number(r.round));
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  // Stored files like the app keeps them, and the session secret.
  fs.mkdirSync(path.join(dataDirectory(), "uploads", "external-trainings"), { recursive: true });
  fs.writeFileSync(path.join(dataDirectory(), "uploads", "external-trainings", "nachweis.pdf"), "%PDF-1.4 Nachweis");
  fs.writeFileSync(path.join(dataDirectory(), ".session-secret"), "geheim-aus-dem-datenordner");
  const writer = startWriter();
  try {
    await until(() => writer.acked() >= 50);
    ackedBeforeBackup = writer.acked();
    const result = await createBackup({ out: path.join(work, "backup-under-load") });
    backupDir = result.directory;
    // The writer was still going after the backup finished: it really ran under load.
    await until(() => writer.acked() > ackedBeforeBackup + 50);
  } finally {
    writer.child.stdin!.end();
    await new Promise((r) => writer.child.once("exit", r));
  }
  ackedTotal = writer.acked();
}, 120_000);

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe("a backup taken under concurrent write load", () => {
  it("restores through `npm run restore` into an empty directory to a consistent database with every file", () => {
    const target = path.join(work, "restored", "fahrplan.db");
    const run = spawnSync(process.execPath, ["--import", "tsx", "app/utils/restore.cli.ts", "--from", backupDir], {
      env: { ...process.env, DATABASE_PATH: target },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Änderungsprotokoll intakt");
    const rounds = restoredWriterRounds(target);
    // Every write acknowledged before the backup started is in it; the rest is a gap-free prefix.
    expect(rounds.length).toBeGreaterThan(ackedBeforeBackup);
    expect(rounds).toEqual(rounds.map((_, i) => i));
    expect(rounds.length).toBeLessThanOrEqual(ackedTotal + 1);
    // Each round's file was stored before its row committed, so the copy has it.
    for (const round of rounds) expect(fs.existsSync(path.join(work, "restored", "documents", "load", `round-${round}.txt`)), `round ${round}`).toBe(true);
    expect(fs.readFileSync(path.join(work, "restored", "uploads", "external-trainings", "nachweis.pdf"), "utf8")).toBe("%PDF-1.4 Nachweis");
    expect(fs.readFileSync(path.join(work, "restored", ".session-secret"), "utf8")).toBe("geheim-aus-dem-datenordner");
    const db = new Database(target, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(verifyAuditLog(db).problems).toEqual([]);
    // The demo data came along too.
    expect((db.prepare("SELECT count(*) AS n FROM municipalities").get() as { n: number }).n).toBeGreaterThan(0);
    db.close();
  });

  it("holds a manifest with a SHA-256 sum for the database and each file", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, MANIFEST_FILE), "utf8"));
    const paths = manifest.entries.map((e: { path: string }) => e.path);
    expect(paths).toContain(DATABASE_FILE);
    expect(paths).toContain("files/.session-secret");
    expect(paths).toContain("files/uploads/external-trainings/nachweis.pdf");
    expect(paths.some((p: string) => /fahrplan\.db/.test(p))).toBe(false);
    expect(fs.readFileSync(path.join(backupDir, "SHA256SUMS"), "utf8")).toMatch(/^[0-9a-f]{64} {2}database\.sqlite$/m);
  });
});

describe("restore refuses", () => {
  it("a target directory that is not empty, and changes nothing there", async () => {
    const dir = path.join(work, "occupied");
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "fahrplan.db"), "bestehende Daten");
    await expect(restoreBackup(backupDir, path.join(dir, "fahrplan.db"))).rejects.toThrow(/nicht leer/);
    expect(fs.readdirSync(dir)).toEqual(["fahrplan.db"]);
    expect(fs.readFileSync(path.join(dir, "fahrplan.db"), "utf8")).toBe("bestehende Daten");
  });

  it("a backup whose file differs from the manifest, and leaves the target empty", async () => {
    const copy = path.join(work, "altered-file");
    fs.cpSync(backupDir, copy, { recursive: true });
    fs.appendFileSync(path.join(copy, "files", "uploads", "external-trainings", "nachweis.pdf"), "x");
    fs.writeFileSync(path.join(copy, "files", "untergeschoben.txt"), "fremd");
    const target = path.join(work, "target-1", "fahrplan.db");
    const error = await restoreBackup(copy, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as RestoreError).problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/nachweis\.pdf: Prüfsumme stimmt nicht/), expect.stringMatching(/untergeschoben\.txt: nicht im Manifest/)]),
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it("a backup whose audit chain was altered, even with a matching manifest", async () => {
    const copy = path.join(work, "altered-audit");
    fs.cpSync(backupDir, copy, { recursive: true });
    const db = new Database(path.join(copy, DATABASE_FILE));
    // Someone with file access who also dropped the append-only trigger.
    db.exec("DROP TRIGGER audit_log_no_update");
    db.prepare("UPDATE audit_log SET actor_label = 'Jemand anderes' WHERE id = 2").run();
    db.close();
    const manifestFile = path.join(copy, MANIFEST_FILE);
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    const { sha256File } = await import("~/utils/backup.server");
    const entry = manifest.entries.find((e: { path: string }) => e.path === DATABASE_FILE);
    entry.sha256 = await sha256File(path.join(copy, DATABASE_FILE));
    entry.bytes = fs.statSync(path.join(copy, DATABASE_FILE)).size;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    const target = path.join(work, "target-2", "fahrplan.db");
    const error = await restoreBackup(copy, target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestoreError);
    expect((error as Error).message).toMatch(/audit chain broken[\s\S]*Eintrag\/entry 2: content altered/);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });

  it("a corrupt database file", () => {
    const file = path.join(work, "corrupt.sqlite");
    fs.copyFileSync(path.join(backupDir, DATABASE_FILE), file);
    const bytes = fs.readFileSync(file);
    // Overwrite the middle of the file (table pages), keep the header.
    bytes.fill(0x5a, 8192, 16384);
    fs.writeFileSync(file, bytes);
    expect(() => checkDatabase(file)).toThrow(/Datenbank beschädigt/);
  });

  it("a folder without manifest, and a missing folder", async () => {
    fs.mkdirSync(path.join(work, "empty-backup"));
    await expect(restoreBackup(path.join(work, "empty-backup"), path.join(work, "t3", "f.db"))).rejects.toThrow(/Kein lesbares Manifest/);
    await expect(restoreBackup(path.join(work, "gibt-es-nicht"), path.join(work, "t4", "f.db"))).rejects.toThrow(/nicht gefunden/);
  });
});

describe("scheduled backups into BACKUP_DIR", () => {
  it("keep the BACKUP_KEEP newest and never leave a partial folder", async () => {
    process.env.BACKUP_DIR = path.join(work, "rotation");
    process.env.BACKUP_KEEP = "2";
    try {
      const made: string[] = [];
      for (let i = 0; i < 4; i++) made.push((await createBackup({ now: new Date(Date.UTC(2026, 0, 1, 3, 0, i)) })).directory);
      expect(fs.readdirSync(path.join(work, "rotation")).sort()).toEqual(made.slice(2).map((d) => path.basename(d)));
      expect(made[3]).toMatch(/fahrplan-20260101T030003000Z$/);
    } finally {
      delete process.env.BACKUP_DIR;
      delete process.env.BACKUP_KEEP;
    }
  });

  it("run on their interval (BACKUP_INTERVAL_HOURS): due when the newest is older, off by default, keeping BACKUP_KEEP", async () => {
    const dir = path.join(work, "schedule");
    process.env.BACKUP_DIR = dir;
    process.env.BACKUP_KEEP = "2";
    try {
      const at = (hours: number) => new Date(Date.UTC(2026, 5, 1, hours, 0, 0));
      expect(await runScheduledBackup(at(0))).toBeNull(); // off by default
      process.env.BACKUP_INTERVAL_HOURS = "24";
      const first = await runScheduledBackup(at(0));
      expect(first?.directory).toMatch(/fahrplan-20260601T000000000Z$/);
      expect(latestBackupAt(dir)).toEqual(at(0));
      expect(await runScheduledBackup(at(23))).toBeNull(); // not yet due
      expect((await runScheduledBackup(at(24)))?.directory).toMatch(/fahrplan-20260602T000000000Z$/);
      await runScheduledBackup(at(48));
      expect(fs.readdirSync(dir).sort()).toEqual(["fahrplan-20260602T000000000Z", "fahrplan-20260603T000000000Z"]);
      // the schedule runs as a background job of the server
      expect(BACKGROUND_JOBS.map((j) => j.name)).toContain("backup.scheduled");
    } finally {
      delete process.env.BACKUP_DIR;
      delete process.env.BACKUP_KEEP;
      delete process.env.BACKUP_INTERVAL_HOURS;
    }
  });

  it("refuse --out into a folder that is not empty", async () => {
    fs.mkdirSync(path.join(work, "busy-out"));
    fs.writeFileSync(path.join(work, "busy-out", "x"), "");
    await expect(createBackup({ out: path.join(work, "busy-out") })).rejects.toThrow(/nicht leer/);
    expect(getSqlite().open).toBe(true);
  });
});
