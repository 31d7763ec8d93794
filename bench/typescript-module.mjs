// Lets the Node benchmarks reuse TypeScript that is not a package entry (the
// bench-library engine, core-sync's dev-cloud sign-in): esbuild bundles it
// into node_modules/.cache, where the workspace packages it imports resolve.
import { mkdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const cacheDir = fileURLToPath(new URL("../node_modules/.cache/player-bench/", import.meta.url));

/**
 * Bundles `source` (TypeScript re-exports, resolved from `resolveDir`) and
 * imports it. `@player/*` packages stay external, so the benchmark runs their
 * built output, as an app would.
 */
export async function importTypeScript(name, source, resolveDir) {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = `${cacheDir}${name}.mjs`;
  await build({
    stdin: { contents: source, resolveDir, loader: "ts", sourcefile: `${name}.ts` },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: ["@player/*", "fake-indexeddb"],
    outfile,
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}

/** An absolute path in the repository. */
export const repoPath = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url));
