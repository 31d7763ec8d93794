import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The server and its command line: Node only.
    entry: { index: "src/index.ts", cli: "src/cli.ts" },
    format: ["esm"],
    dts: { entry: { index: "src/index.ts" } },
    sourcemap: true,
    target: "es2022",
    platform: "node",
  },
  {
    // The admin client alone, for browser tests: fetch only, no node: imports.
    entry: { admin: "src/admin/admin-client.ts" },
    format: ["esm"],
    dts: true,
    sourcemap: true,
    target: "es2022",
    platform: "browser",
  },
]);
