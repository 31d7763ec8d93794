import { afterEach, describe, expect, it, vi } from "vitest";
import { canMakeVariants, makeVariants } from "./make-variants.js";
import { CORRUPT_MARKER, fakeImagePlatform } from "./test-support/fake-image-platform.js";
import { pngHeaderOnly, pngImage } from "./test-support/test-images.js";

function install(platform: ReturnType<typeof fakeImagePlatform>) {
  vi.stubGlobal("createImageBitmap", platform.createImageBitmap);
  vi.stubGlobal("OffscreenCanvas", platform.OffscreenCanvas);
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("makeVariants", () => {
  it("makes nothing in Node, where pictures cannot be decoded, and the original is served", async () => {
    expect(canMakeVariants()).toBe(false);
    expect(await makeVariants(pngImage(1200, 1200), "image/png")).toEqual([]);
  });

  it("still checks the header in Node", async () => {
    await expect(makeVariants(pngHeaderOnly(30_000, 30_000), "image/png")).rejects.toMatchObject({
      details: { reason: "too-large" },
    });
  });

  it("decodes once and makes 96, 256 and 512 px WebP copies, aspect ratio kept", async () => {
    const platform = fakeImagePlatform();
    install(platform);
    const variants = await makeVariants(pngImage(3000, 2000), "image/png");
    expect(
      variants.map(({ size, mimeType, width, height }) => ({ size, mimeType, width, height })),
    ).toEqual([
      { size: 96, mimeType: "image/webp", width: 96, height: 64 },
      { size: 256, mimeType: "image/webp", width: 256, height: 171 },
      { size: 512, mimeType: "image/webp", width: 512, height: 341 },
    ]);
    expect(platform.decoded).toHaveLength(1);
    expect(variants[0]?.data.type).toBe("image/webp");
    expect(platform.bitmaps.every((bitmap) => bitmap.closed)).toBe(true);
  });

  it("keeps a portrait picture's height as the longest edge", async () => {
    install(fakeImagePlatform());
    const variants = await makeVariants(pngImage(600, 1000), "image/png", [256]);
    expect(variants.map(({ width, height }) => [width, height])).toEqual([[154, 256]]);
  });

  it("never upscales: sizes at or above the longest edge are not made", async () => {
    const platform = fakeImagePlatform();
    install(platform);
    const variants = await makeVariants(pngImage(256, 200), "image/png", [512, 96, 256, 96]);
    expect(variants.map((variant) => variant.size)).toEqual([96]);
    // Decoded all the same: that is what proves the data is sound.
    expect(platform.decoded).toHaveLength(1);
  });

  it("falls back to JPEG where the encoder cannot write WebP", async () => {
    install(fakeImagePlatform({ webp: false }));
    const variants = await makeVariants(pngImage(1200, 1200), "image/png", [96]);
    expect(variants.map((variant) => [variant.mimeType, variant.data.type])).toEqual([
      ["image/jpeg", "image/jpeg"],
    ]);
  });

  it("refuses a 30000×30000 header before anything decodes it", async () => {
    const platform = fakeImagePlatform();
    install(platform);
    await expect(makeVariants(pngHeaderOnly(30_000, 30_000), "image/png")).rejects.toMatchObject({
      code: "metadata/artwork-unreadable",
      details: { reason: "too-large" },
    });
    expect(platform.decoded).toEqual([]);
    expect(platform.bitmaps).toEqual([]);
  });

  it("rejects broken data behind a valid header as corrupt, with the decoder's error as cause", async () => {
    install(fakeImagePlatform());
    const png = pngImage(800, 800);
    const corrupt = new Uint8Array([...png, ...new TextEncoder().encode(CORRUPT_MARKER)]);
    const error = await makeVariants(corrupt, "image/png").catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: "PlayerError",
      code: "metadata/artwork-unreadable",
      details: { reason: "corrupt", mimeType: "image/png" },
    });
    expect((error as Error).cause).toMatchObject({ name: "InvalidStateError" });
  });

  it("closes every bitmap when encoding fails half-way", async () => {
    const platform = fakeImagePlatform({ failEncodeAt: 1 });
    install(platform);
    await expect(makeVariants(pngImage(1200, 1200), "image/png")).rejects.toMatchObject({
      code: "runtime/internal",
      message: "encoder out of memory",
    });
    expect(platform.bitmaps).toHaveLength(3);
    expect(platform.bitmaps.every((bitmap) => bitmap.closed)).toBe(true);
  });

  it("stops between sizes when aborted, closing what it made", async () => {
    const platform = fakeImagePlatform();
    install(platform);
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(
      makeVariants(pngImage(1200, 1200), "image/png", undefined, { signal: controller.signal }),
    ).rejects.toThrow("stop");
    expect(platform.bitmaps.every((bitmap) => bitmap.closed)).toBe(true);
  });
});
