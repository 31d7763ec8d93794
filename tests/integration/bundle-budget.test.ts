import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const BUDGET_BYTES = 15 * 1024;
const entry = fileURLToPath(new URL("../../packages/main-bridge/dist/index.js", import.meta.url));

/** main-bridge as a page would ship it: bundled with its dependencies and minified. */
async function bundleMainBridge() {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { code, inputs: Object.keys(result.metafile.inputs) };
}

describe("main-bridge bundle", () => {
  it(`stays within ${BUDGET_BYTES / 1024} KB gzipped with its dependencies`, async () => {
    const { code } = await bundleMainBridge();
    const gzipped = gzipSync(code, { level: 9 }).byteLength;
    expect(gzipped).toBeGreaterThan(1_000);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it("contains no code from the core packages or the worker host (type-only imports)", async () => {
    const { inputs } = await bundleMainBridge();
    expect(inputs.some((input) => input.includes("main-bridge/dist/index.js"))).toBe(true);
    const leaked = inputs.filter((input) =>
      /packages\/(core-[a-z]+|worker-host)\/|@player\/(core-|worker-host)/.test(input),
    );
    expect(leaked).toEqual([]);
    expect(
      inputs
        .filter((input) => input.includes("node_modules"))
        .map((input) => input.replace(/.*node_modules\//, "")),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^comlink\//),
        expect.stringMatching(/^mitt\//),
      ]),
    );
  });
});
