import { describe, expect, it } from "vitest";
import { hashImage } from "./hash-image.js";
import { DEFAULT_ARTWORK_LIMITS, inspectImage } from "./inspect-image.js";
import { brokenPng, jpegHeader, pngHeaderOnly, pngImage } from "./test-support/test-images.js";

describe("inspectImage", () => {
  it("reads type, MIME type and size from the bytes, not the declared type", () => {
    expect(inspectImage(pngImage(300, 200), "image/jpeg")).toEqual({
      type: "png",
      mimeType: "image/png",
      width: 300,
      height: 200,
    });
    expect(inspectImage(jpegHeader(3000, 2000), "image/jpg")).toEqual({
      type: "jpeg",
      mimeType: "image/jpeg",
      width: 3000,
      height: 2000,
    });
  });

  it("accepts a 10 MB picture within the limits", () => {
    const png = pngImage(1900, 1800, 7);
    expect(png.byteLength).toBeGreaterThan(10_000_000);
    expect(inspectImage(png)).toMatchObject({ type: "png", width: 1900, height: 1800 });
  });

  it("finds a JPEG frame header behind 10 MB of EXIF segments", () => {
    const jpeg = jpegHeader(640, 480, 10_000_000);
    expect(jpeg.byteLength).toBeGreaterThan(10_000_000);
    expect(inspectImage(jpeg)).toMatchObject({ type: "jpeg", width: 640, height: 480 });
  });

  it("refuses a header claiming 30000×30000 pixels, from the header alone", () => {
    const header = pngHeaderOnly(30_000, 30_000);
    expect(header.byteLength).toBe(33);
    expect(() => inspectImage(header)).toThrow(
      expect.objectContaining({
        code: "metadata/artwork-unreadable",
        details: { reason: "too-large", width: 30_000, height: 30_000, maxPixels: 40_000_000 },
      }),
    );
  });

  it("refuses more bytes than maxBytes before reading them", () => {
    expect(DEFAULT_ARTWORK_LIMITS).toEqual({ maxBytes: 20 * 1024 * 1024, maxPixels: 40_000_000 });
    expect(() => inspectImage(pngImage(64, 64), undefined, { maxBytes: 100 })).toThrow(
      expect.objectContaining({
        details: expect.objectContaining({ reason: "too-large", maxBytes: 100 }),
      }),
    );
  });

  it("takes exactly the limit and refuses one pixel more", () => {
    expect(inspectImage(pngHeaderOnly(100, 100), undefined, { maxPixels: 10_000 }).width).toBe(100);
    expect(() => inspectImage(pngHeaderOnly(101, 100), undefined, { maxPixels: 10_000 })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ reason: "too-large" }) }),
    );
  });

  it.each([
    ["text", new TextEncoder().encode("<html>not a picture</html>")],
    ["a PNG signature without header", brokenPng()],
    ["nothing", new Uint8Array(0)],
    ["a zero-width PNG", pngHeaderOnly(0, 50)],
  ])("refuses %s as not-an-image", (_name, bytes) => {
    expect(() => inspectImage(bytes, "image/png")).toThrow(
      expect.objectContaining({
        code: "metadata/artwork-unreadable",
        details: expect.objectContaining({ reason: "not-an-image", declaredMimeType: "image/png" }),
      }),
    );
  });
});

describe("hashImage", () => {
  it("is the SHA-256 of the bytes in hex", async () => {
    expect(await hashImage(new TextEncoder().encode("abc"))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });

  it("hashes only a view's bytes", async () => {
    const whole = new TextEncoder().encode("xxabcxx");
    expect(await hashImage(whole.subarray(2, 5))).toBe(
      await hashImage(new TextEncoder().encode("abc")),
    );
  });
});
