import { MAX_DOCUMENT_BYTES } from "../areas/funding/documents";
import { MAX_PROOF_BYTES } from "../areas/trainings/proof-file";

/**
 * How large a request body may be, declared in one place: the HTTP server refuses larger bodies
 * with 413 before the application reads them, and the upload parser enforces the file cap while it
 * streams the file to disk. Everything that is not an upload route gets the small default.
 */
export interface UploadRule {
  /** The URL path of the route that takes the upload. */
  path: RegExp;
  /** The form field that carries the file. */
  field: string;
  maxFileBytes: number;
  /** Shown next to the field (and on the 413 page) when the file is larger. */
  tooLarge: string;
}

const MB = 1024 * 1024;

export const DEFAULT_BODY_LIMIT_BYTES = 1 * MB;

/** Room for the other fields of an upload form (CSRF token, type, title, …) next to the file. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

export const UPLOADS = {
  logo: { path: /^\/berichte\/?$/, field: "logo", maxFileBytes: 1 * MB, tooLarge: "Das Logo darf höchstens 1 MB groß sein." },
  projectImport: {
    path: /^\/projekte\/import\/?$/,
    field: "file",
    maxFileBytes: 2 * MB,
    tooLarge: "Die Datei ist größer als 2 MB. Bitte teilen Sie sie auf.",
  },
  ozgCatalogueImport: { path: /^\/ozg\/katalog\/?$/, field: "file", maxFileBytes: 2 * MB, tooLarge: "Die Datei ist größer als 2 MB." },
  employeeImport: { path: /^\/beschaeftigte\/import\/?$/, field: "file", maxFileBytes: 5 * MB, tooLarge: "Die Datei ist größer als 5 MB." },
  attendanceImport: {
    path: /^\/schulungen\/termine\/[^/]+\/anwesenheit\/?$/,
    field: "file",
    maxFileBytes: 1 * MB,
    tooLarge: "Die Datei ist größer als 1 MB.",
  },
  trainingProof: {
    path: /^\/schulungen\/extern\/?$/,
    field: "proof",
    maxFileBytes: MAX_PROOF_BYTES,
    tooLarge: "Die Datei ist größer als 5 MB. Bitte laden Sie eine kleinere Datei hoch.",
  },
  fundingDocument: {
    path: /^\/foerderung\/antraege\/[^/]+\/?$/,
    field: "file",
    maxFileBytes: MAX_DOCUMENT_BYTES,
    tooLarge: "Die Datei ist größer als 20 MB.",
  },
  workflowDefinition: {
    path: /^\/verwaltung\/ablaeufe\/?$/,
    field: "file",
    maxFileBytes: 200_000,
    tooLarge: "Die Datei ist zu groß (höchstens 200 KB).",
  },
} satisfies Record<string, UploadRule>;

export interface BodyLimit {
  maxBytes: number;
  /** German explanation for the 413 answer. */
  message: string;
}

/** The body limit for a request to this URL path. */
export function bodyLimitFor(pathname: string): BodyLimit {
  const upload = Object.values(UPLOADS).find((u) => u.path.test(pathname));
  if (upload) return { maxBytes: upload.maxFileBytes + FORM_OVERHEAD_BYTES, message: upload.tooLarge };
  return { maxBytes: DEFAULT_BODY_LIMIT_BYTES, message: "Die Anfrage ist zu groß (höchstens 1 MB)." };
}
