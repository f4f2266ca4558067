import crypto from "node:crypto";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { checkLogo } from "~/reports/logo-image";

function png(width: number, height: number): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe("logo check", () => {
  it("accepts a PNG and a JPEG that decode, with their pixel size", () => {
    expect(checkLogo(png(40, 12))).toEqual({ ok: true, mimeType: "image/png", width: 40, height: 12 });
    const jpg = jpeg.encode({ width: 30, height: 10, data: Buffer.alloc(30 * 10 * 4, 90) }, 80).data;
    expect(checkLogo(jpg)).toEqual({ ok: true, mimeType: "image/jpeg", width: 30, height: 10 });
  });

  it("refuses a signature followed by garbage, and a truncated image", () => {
    const good = png(40, 12);
    const fakePng = Buffer.concat([good.subarray(0, 8), crypto.randomBytes(500)]);
    const fakeJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(500)]);
    for (const bytes of [fakePng, fakeJpeg, good.subarray(0, good.length - 16)]) {
      const result = checkLogo(bytes);
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.message).toMatch(/kein lesbares PNG- oder JPEG-Bild/);
    }
  });

  it("refuses other formats", () => {
    expect(checkLogo(Buffer.from("GIF89a...."))).toEqual({ ok: false, message: "Bitte laden Sie ein Logo im Format PNG oder JPEG hoch." });
  });

  it("refuses a PNG whose header declares more pixels than allowed, before decoding it", () => {
    const header = png(1, 1);
    // width and height live at bytes 16–23 of the IHDR chunk
    header.writeUInt32BE(60_000, 16);
    header.writeUInt32BE(60_000, 20);
    expect(checkLogo(header)).toMatchObject({ ok: false, message: expect.stringContaining("4096 × 4096") });
  });
});
