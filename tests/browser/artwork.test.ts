import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser-rig.mjs";
import type { ArtworkReport, PictureFacts } from "./fixtures/artwork/artwork-worker.js";

let server: Server;
let browser: Browser;
let page: Page;
let report: ArtworkReport;

/** Serves an empty page and the bundled worker on 127.0.0.1 (IndexedDB needs a real origin). */
async function startServer(workerCode: string): Promise<Server> {
  const http = createServer((request, response) => {
    if (request.url === "/artwork-worker.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(workerCode);
    } else {
      response
        .writeHead(200, { "content-type": "text/html" })
        .end("<!doctype html><title>artwork</title>");
    }
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return http;
}

async function runWorker(): Promise<ArtworkReport> {
  const answer = await page.evaluate(
    () =>
      new Promise<{ report?: ArtworkReport; error?: string }>((resolve) => {
        const worker = new Worker("/artwork-worker.js", { type: "module" });
        worker.onmessage = (event) => {
          resolve(event.data);
          worker.terminate();
        };
        worker.onerror = (event) => resolve({ error: event.message });
        worker.postMessage("run");
      }),
  );
  if (answer.report === undefined) throw new Error(`The worker failed: ${answer.error}`);
  return answer.report;
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL("./fixtures/artwork/artwork-worker.ts", import.meta.url))],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  server = await startServer(bundle.outputFiles[0]?.text ?? "");
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  report = await runWorker();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

/** Variant facts without the byte counts, which depend on the encoder. */
const shapes = (picture: PictureFacts) =>
  picture.variants.map(({ bytes: _bytes, ...shape }) => shape);

describe("artwork in a Chromium worker (createImageBitmap, OffscreenCanvas, IndexedDB)", () => {
  it("can make variants there", () => {
    expect(report.canMakeVariants).toBe(true);
  });

  it("makes 96, 256 and 512 px WebP variants of a 1200×1200 PNG that decode to those sizes", () => {
    expect(report.png1200).toMatchObject({ mimeType: "image/png", width: 1200, height: 1200 });
    expect(shapes(report.png1200)).toEqual(
      [96, 256, 512].map((size) => ({
        size,
        mimeType: "image/webp",
        width: size,
        height: size,
        decodedWidth: size,
        decodedHeight: size,
      })),
    );
  });

  it("keeps the 3:2 aspect ratio of a 3000×2000 JPEG", () => {
    expect(report.jpeg3000x2000).toMatchObject({
      mimeType: "image/jpeg",
      width: 3000,
      height: 2000,
    });
    expect(shapes(report.jpeg3000x2000)).toEqual([
      {
        size: 96,
        mimeType: "image/webp",
        width: 96,
        height: 64,
        decodedWidth: 96,
        decodedHeight: 64,
      },
      {
        size: 256,
        mimeType: "image/webp",
        width: 256,
        height: 171,
        decodedWidth: 256,
        decodedHeight: 171,
      },
      {
        size: 512,
        mimeType: "image/webp",
        width: 512,
        height: 341,
        decodedWidth: 512,
        decodedHeight: 341,
      },
    ]);
  });

  it("makes variants of a 10 MB 4000×3000 JPEG", () => {
    const { large } = report;
    expect(large).toMatchObject({ mimeType: "image/jpeg", width: 4000, height: 3000 });
    expect(large.bytes).toBeGreaterThan(10_000_000);
    expect(large.bytes).toBeLessThan(20 * 1024 * 1024);
    expect(large.variants.map((v) => [v.decodedWidth, v.decodedHeight])).toEqual([
      [96, 72],
      [256, 192],
      [512, 384],
    ]);
  });

  it("refuses a 20000×20000 header before decoding it", () => {
    expect(report.hugeHeader).toEqual({ code: "metadata/artwork-unreadable", reason: "too-large" });
  });

  it("keeps variants small: each under 20 KB for the drawn pictures", () => {
    for (const variant of [...report.png1200.variants, ...report.jpeg3000x2000.variants]) {
      expect(variant.bytes).toBeGreaterThan(0);
      expect(variant.bytes).toBeLessThan(20_000);
    }
  });

  it("rejects a PNG with a valid header and garbage IDAT as corrupt, and takes the folder image instead", () => {
    const { corrupt } = report;
    expect(corrupt.headerAccepted).toEqual({ width: 1200, height: 1200 });
    expect(corrupt.rejection).toEqual({
      isPlayerError: true,
      code: "metadata/artwork-unreadable",
      reason: "corrupt",
      cause: "InvalidStateError",
    });
    expect(corrupt.resolved).toEqual({
      source: "folder",
      warnings: [{ source: "embedded", reason: "corrupt" }],
    });
  });

  it("stores one image and its variants for twelve tracks and a second album with the same picture", () => {
    const { store } = report;
    expect(store.images).toBe(1);
    expect(store.variants).toEqual([96, 256, 512]);
    expect(store.variantTypes).toEqual(["Blob", "Blob", "Blob"]);
    expect(store.storedNew).toEqual([true, ...Array(12).fill(false)]);
    expect(store.links).toEqual([
      { id: "album:al1", source: "embedded", hasHash: true },
      { id: "album:al2", source: "folder", hasHash: true },
    ]);
  });

  it("serves the 256 px variant for 200 px and the original JPEG above 512 px", () => {
    const { store } = report;
    expect(store.blob256).toEqual({ type: "image/webp", width: 256, height: 171 });
    expect(store.blobOriginal).toMatchObject({ type: "image/jpeg", width: 3000, height: 2000 });
    expect(store.blobOriginal.bytes).toBe(report.jpeg3000x2000.bytes);
  });

  it("deletes the image and its variants once no link points at it", () => {
    expect(report.store.afterCleanup).toEqual({ deleted: 1, images: 0, variants: 0 });
  });
});
