// Shared by the browser tests and the benchmarks: build an example app, serve
// it on 127.0.0.1, and start Debian's headless Chromium through playwright-core.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build, preview } from "vite";

/** The vite config of `examples/<name>`. */
const configFileOf = (name) =>
  fileURLToPath(new URL(`../examples/${name}/vite.config.ts`, import.meta.url));

/** Chromium flags that work as root in a container with no network. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--autoplay-policy=no-user-gesture-required",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Builds `examples/<name>` (default `basic`) with the packages' built output. */
export async function buildExample(name = "basic") {
  await build({ configFile: configFileOf(name), logLevel: "warn" });
}

/** Serves the built `examples/<name>` (default `basic`) on 127.0.0.1 at a free port. */
export async function serveExample(name = "basic") {
  const server = await preview({
    configFile: configFileOf(name),
    logLevel: "warn",
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === "string")
    throw new Error("The preview server has no TCP address");
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.httpServer.close(() => resolve(undefined))),
  };
}

/** Starts headless Chromium: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export async function launchChromium() {
  const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}: install it with "apt-get install -y chromium" or set CHROMIUM_PATH`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}
