import jpeg from "jpeg-js";
import { PNG } from "pngjs";

/**
 * Whether bytes are a logo the PDF renderer can embed: a PNG or JPEG that decodes completely.
 * Checking the signature alone let a PNG header followed by garbage through, and pdfkit then
 * failed on every report of the Kommune. The pixel size is checked from the header before
 * decoding, so a small file cannot unpack into gigabytes.
 */
export const MAX_LOGO_PIXELS = 4096 * 4096;

export type LogoCheck = { ok: true; mimeType: "image/png" | "image/jpeg"; width: number; height: number } | { ok: false; message: string };

const NOT_AN_IMAGE = "Bitte laden Sie ein Logo im Format PNG oder JPEG hoch.";
const UNREADABLE = "Die Datei ist kein lesbares PNG- oder JPEG-Bild. Bitte speichern Sie das Logo neu und laden Sie es erneut hoch.";
const TOO_MANY_PIXELS = "Das Logo ist zu groß (höchstens 4096 × 4096 Bildpunkte). Bitte verkleinern Sie es.";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export function checkLogo(bytes: Uint8Array): LogoCheck {
  if (isPng(bytes)) return checkPng(bytes);
  if (isJpeg(bytes)) return checkJpeg(bytes);
  return { ok: false, message: NOT_AN_IMAGE };
}

function checkPng(bytes: Uint8Array): LogoCheck {
  // IHDR is always the first chunk: length (4), "IHDR" (4), width (4), height (4).
  const ihdr = String.fromCharCode(...bytes.subarray(12, 16));
  if (bytes.length < 24 || ihdr !== "IHDR") return { ok: false, message: UNREADABLE };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  if (width * height > MAX_LOGO_PIXELS) return { ok: false, message: TOO_MANY_PIXELS };
  try {
    const image = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { ok: true, mimeType: "image/png", width: image.width, height: image.height };
  } catch {
    return { ok: false, message: UNREADABLE };
  }
}

function checkJpeg(bytes: Uint8Array): LogoCheck {
  try {
    const image = jpeg.decode(bytes, { maxResolutionInMP: MAX_LOGO_PIXELS / 1_000_000, maxMemoryUsageInMB: 256, formatAsRGBA: false });
    if (!image.width || !image.height) return { ok: false, message: UNREADABLE };
    return { ok: true, mimeType: "image/jpeg", width: image.width, height: image.height };
  } catch (error) {
    if (error instanceof Error && /maxResolutionInMP|resolution/i.test(error.message)) return { ok: false, message: TOO_MANY_PIXELS };
    return { ok: false, message: UNREADABLE };
  }
}
