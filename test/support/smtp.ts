import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type ParsedMail, simpleParser } from "mailparser";

/** A running SMTP sink process (test/support/smtp-sink.ts) and the mails it stored. */
export interface SmtpSink {
  url: string;
  dir: string;
  process: ChildProcess;
  /** Resolves when the sink stalls a message (SINK_STALL_MESSAGE). */
  stalled: Promise<void>;
  mails(): Promise<ParsedMail[]>;
  waitForMails(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  stop(): Promise<void>;
}

export async function startSmtpSink(options: { failFirst?: number; stallMessage?: number } = {}): Promise<SmtpSink> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-smtp-"));
  const child = spawn(process.execPath, ["--import", "tsx", "test/support/smtp-sink.ts", dir], {
    env: { ...process.env, SINK_FAIL_FIRST: String(options.failFirst ?? 0), SINK_STALL_MESSAGE: String(options.stallMessage ?? 0) },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let onStall: () => void = () => {};
  const stalled = new Promise<void>((resolve) => (onStall = resolve));
  const port = await new Promise<number>((resolve, reject) => {
    let buffer = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("listening ")) resolve(Number(line.slice(10)));
        if (line === "stalled") onStall();
      }
    });
    child.on("exit", (code) => reject(new Error(`smtp sink exited with ${code}`)));
  });
  const mails = async () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).sort();
    return Promise.all(files.map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
  };
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    process: child,
    stalled,
    mails,
    async waitForMails(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (fs.readdirSync(dir).filter((f) => f.endsWith(".eml")).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} mails, got ${fs.readdirSync(dir).length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mails();
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.stdin!.end();
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
