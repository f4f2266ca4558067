import path from "node:path";
import { Worker } from "node:worker_threads";
import type { RenderJobInput } from "./render-job.server";
import { ReportError } from "./report-error";
import { TemplateError } from "./template-schema";
import { env } from "../utils/env.server";

type WorkerMessage =
  | { id: number; chunk: Uint8Array }
  | { id: number; templateFile: string }
  | { id: number; done: true }
  | { id: number; error: { name: string; message: string; file?: string; problems?: string[]; status?: number } };

interface Pending {
  onChunk: (chunk: Uint8Array) => void;
  onTemplate: (file: string) => void;
  resolve: () => void;
  reject: (error: Error) => void;
}

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function workerPath(): string {
  return path.resolve(env().REPORT_WORKER_PATH);
}

function rebuildError(e: { name: string; message: string; file?: string; problems?: string[]; status?: number }): Error {
  if (e.name === "TemplateError" && e.file) return new TemplateError(e.file, e.problems ?? [e.message]);
  if (e.name === "ReportError") return new ReportError(e.message, e.status);
  return new Error(`report worker: ${e.message}`);
}

function failAll(error: Error) {
  for (const job of pending.values()) job.reject(error);
  pending.clear();
  worker = undefined;
}

/** One long-lived worker thread renders all reports, one after another, off the request path. */
function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(workerPath());
  w.unref();
  w.on("message", (message: WorkerMessage) => {
    const job = pending.get(message.id);
    if (!job) return;
    if ("chunk" in message) job.onChunk(message.chunk);
    else if ("templateFile" in message) job.onTemplate(message.templateFile);
    else if ("done" in message) {
      pending.delete(message.id);
      job.resolve();
    } else {
      pending.delete(message.id);
      job.reject(rebuildError(message.error));
    }
  });
  w.on("error", (error) => failAll(error));
  w.on("exit", (code) => failAll(new Error(`report worker exited with code ${code}`)));
  worker = w;
  return w;
}

/**
 * Renders in the worker thread. `stream` delivers the PDF bytes as they are produced (for a
 * streamed response); `done` resolves with the whole file.
 */
export function renderInWorker(job: RenderJobInput): {
  stream: ReadableStream<Uint8Array>;
  done: Promise<{ bytes: Buffer; templateFile: string }>;
} {
  const id = nextId++;
  let templateFile = "";
  const chunks: Uint8Array[] = [];
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const done = new Promise<{ bytes: Buffer; templateFile: string }>((resolve, reject) => {
    pending.set(id, {
      onChunk: (chunk) => {
        chunks.push(chunk);
        controller.enqueue(chunk);
      },
      onTemplate: (file) => {
        templateFile = file;
      },
      resolve: () => {
        controller.close();
        resolve({ bytes: Buffer.concat(chunks), templateFile });
      },
      reject: (error) => {
        controller.error(error);
        reject(error);
      },
    });
  });
  // The stream may be ignored by callers that only want the file; never let its error go unhandled.
  done.catch(() => undefined);
  getWorker().postMessage({ ...job, id });
  return { stream, done };
}

/** Stops the worker (tests, shutdown). */
export async function stopRenderWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  if (w) await w.terminate();
}
