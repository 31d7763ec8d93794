import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * Cross-origin isolation on every response, so performance.now() has 5 µs
 * resolution in the page and in its worker (whose script needs COEP too).
 */
function crossOriginIsolate(): Plugin {
  const middleware = (
    _request: unknown,
    response: { setHeader(name: string, value: string): void },
    next: () => void,
  ) => {
    response.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    next();
  };
  return {
    name: "cross-origin-isolate",
    configureServer: (server) => void server.middlewares.use(middleware),
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  plugins: [crossOriginIsolate()],
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  worker: { format: "es" },
  build: {
    target: "es2022",
    rollupOptions: { input: { search: fileURLToPath(new URL("./search.html", import.meta.url)) } },
  },
});
