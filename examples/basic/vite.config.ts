import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const page = (name: string) => fileURLToPath(new URL(`./${name}.html`, import.meta.url));

// Cross-origin isolation: SharedArrayBuffer for later audio paths, and
// performance.now() at 5 µs instead of 100 µs resolution for the benchmark.
const isolation = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  server: { host: "127.0.0.1", headers: isolation },
  preview: { host: "127.0.0.1", headers: isolation },
  build: {
    target: "es2022",
    rollupOptions: { input: { index: page("index"), bench: page("bench") } },
  },
});
