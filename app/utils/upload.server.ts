import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import busboy from "busboy";
import { UNREADABLE_FORM, verifyCsrf } from "./csrf.server";
import { ValidationError } from "./errors";
import { badRequest } from "./http.server";
import type { UploadRule } from "./request-limits";

/** Limits for the non-file fields of an upload form; no form of the app comes near them. */
const MAX_FIELDS = 200;
const MAX_FIELD_BYTES = 1024 * 1024;

/**
 * Reads a form that may carry a file upload (multipart, or urlencoded when no file was chosen),
 * streams the file into a temporary directory while counting its bytes, checks the CSRF token and
 * runs `use` with the form; the temporary files are removed afterwards, whatever happens.
 *
 * busboy parses the parts (also file names with `=`, `;` or RFC 2231 encoding, which the parser
 * bundled with Remix rejects). A file over `rule.maxFileBytes` is a ValidationError on `rule.field`;
 * a broken body is a 400. Only one file per request is accepted: no form of the app has more.
 */
export async function withUploadForm<T>(request: Request, rule: UploadRule, use: (form: FormData) => Promise<T> | T): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fahrplan-upload-"));
  try {
    const form = await parseInto(dir, request, rule);
    await verifyCsrf(request, form);
    return await use(form);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function parseInto(dir: string, request: Request, rule: UploadRule): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      defParamCharset: "utf8",
      limits: { files: 1, fileSize: rule.maxFileBytes, fields: MAX_FIELDS, fieldSize: MAX_FIELD_BYTES },
    });
  } catch {
    // Missing or unsupported Content-Type, or a multipart type without boundary.
    badRequest(UNREADABLE_FORM);
  }
  const fields: [string, string][] = [];
  const files: { field: string; name: string; type: string; file: string }[] = [];
  const writes: Promise<void>[] = [];
  let tooLarge = false;
  let fieldTruncated = false;

  parser.on("field", (name, value, info) => {
    if (info.valueTruncated) fieldTruncated = true;
    fields.push([name, value]);
  });
  parser.on("file", (field, stream, info) => {
    const file = path.join(dir, String(files.length));
    files.push({ field, name: info.filename ?? "", type: info.mimeType, file });
    stream.on("limit", () => {
      tooLarge = true;
    });
    writes.push(pipeline(stream, fs.createWriteStream(file)));
  });

  if (!request.body) badRequest(UNREADABLE_FORM);
  try {
    await pipeline(Readable.fromWeb(request.body as unknown as NodeWebReadableStream), parser);
    await Promise.all(writes);
  } catch {
    badRequest(UNREADABLE_FORM);
  }
  if (tooLarge) throw new ValidationError({ [rule.field]: [rule.tooLarge] });
  if (fieldTruncated) badRequest(UNREADABLE_FORM);

  const form = new FormData();
  for (const [name, value] of fields) form.append(name, value);
  for (const f of files) {
    // Disk-backed: the bytes are read only when the use case asks for them.
    const blob = await fs.openAsBlob(f.file, { type: f.type });
    form.append(f.field, new File([blob], f.name, { type: f.type }));
  }
  return form;
}
