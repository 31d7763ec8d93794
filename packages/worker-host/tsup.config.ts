import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library entry: dependencies stay external.
    entry: { index: "src/index.ts" },
    format: ["esm"],
    dts: true,
    sourcemap: true,
    target: "es2022",
  },
  {
    // The worker script: one self-contained file, since a browser worker cannot resolve bare imports.
    entry: { worker: "src/worker.ts" },
    format: ["esm"],
    dts: true,
    sourcemap: true,
    target: "es2022",
    platform: "browser",
    noExternal: [/.*/],
    minify: true,
  },
]);
