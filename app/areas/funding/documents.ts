/**
 * Which files may be attached to an application: PDF, images and office files, checked by
 * extension, declared type and the file's first bytes, so a renamed executable is refused.
 */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

type Magic = "pdf" | "png" | "jpeg" | "gif" | "webp" | "zip" | "ole";

const ALLOWED: Record<string, { mime: string; magic: Magic }> = {
  pdf: { mime: "application/pdf", magic: "pdf" },
  png: { mime: "image/png", magic: "png" },
  jpg: { mime: "image/jpeg", magic: "jpeg" },
  jpeg: { mime: "image/jpeg", magic: "jpeg" },
  gif: { mime: "image/gif", magic: "gif" },
  webp: { mime: "image/webp", magic: "webp" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: "zip" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: "zip" },
  pptx: { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", magic: "zip" },
  odt: { mime: "application/vnd.oasis.opendocument.text", magic: "zip" },
  ods: { mime: "application/vnd.oasis.opendocument.spreadsheet", magic: "zip" },
  doc: { mime: "application/msword", magic: "ole" },
  xls: { mime: "application/vnd.ms-excel", magic: "ole" },
};

export const ALLOWED_EXTENSIONS = Object.keys(ALLOWED);

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function magicMatches(bytes: Uint8Array, magic: Magic): boolean {
  switch (magic) {
    case "pdf":
      return startsWith(bytes, [0x25, 0x50, 0x44, 0x46]);
    case "png":
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]);
    case "jpeg":
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case "gif":
      return startsWith(bytes, [0x47, 0x49, 0x46, 0x38]);
    case "webp":
      return startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8);
    case "zip":
      return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
    case "ole":
      return startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);
  }
}

/** The stored MIME type, or the German reason why the file is refused. */
export function checkDocument(file: { name: string; size: number; head: Uint8Array }): { ok: true; mimeType: string } | { ok: false; message: string } {
  if (file.size === 0) return { ok: false, message: "Die Datei ist leer." };
  if (file.size > MAX_DOCUMENT_BYTES) {
    return { ok: false, message: `Die Datei ist ${(file.size / 1024 / 1024).toFixed(1).replace(".", ",")} MB groß; erlaubt sind höchstens 20 MB.` };
  }
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? "";
  const rule = ALLOWED[ext];
  if (!rule) {
    return { ok: false, message: `Dateityp „.${ext || "?"}“ ist nicht erlaubt. Erlaubt sind PDF, Bilder (PNG, JPG, GIF, WebP) und Office-Dateien (${ALLOWED_EXTENSIONS.filter((e) => !["pdf", "png", "jpg", "jpeg", "gif", "webp"].includes(e)).map((e) => e.toUpperCase()).join(", ")}).` };
  }
  if (!magicMatches(file.head, rule.magic)) {
    return { ok: false, message: `Der Inhalt der Datei passt nicht zur Endung „.${ext}“. Bitte laden Sie die Originaldatei hoch.` };
  }
  return { ok: true, mimeType: rule.mime };
}
