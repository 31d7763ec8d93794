// `pnpm demo`: the local cloud (Google and Microsoft sign-in, Drive, OneDrive,
// lyrics and cover art) on 127.0.0.1:8787, and the example page on
// 127.0.0.1:5173 talking to it. Ctrl+C stops both.
import { fileURLToPath } from "node:url";
import { startDevCloud } from "@player/dev-cloud";
import { createServer } from "vite";

const cloudPort = Number(process.env.DEV_CLOUD_PORT ?? 8787);
const pagePort = Number(process.env.DEMO_PORT ?? 5173);

let cloud;
try {
  cloud = await startDevCloud({ port: cloudPort, tracks: 60, seed: 1 });
} catch (error) {
  console.error(`Could not start the dev-cloud on port ${cloudPort}: ${error.message}`);
  console.error(
    "Stop whatever uses it, or set DEV_CLOUD_PORT (then open the page with ?cloud=http://127.0.0.1:PORT).",
  );
  process.exit(1);
}
const page = await createServer({
  configFile: fileURLToPath(new URL("../examples/basic/vite.config.ts", import.meta.url)),
  server: { port: pagePort, strictPort: true, host: "127.0.0.1" },
});
await page.listen();
const pageUrl = `http://127.0.0.1:${pagePort}/${cloudPort === 8787 ? "" : `?cloud=${encodeURIComponent(cloud.url)}`}`;
console.log(
  `dev-cloud   ${cloud.url}   (60 tracks, seed 1; routes in packages/dev-cloud/docs/routes.md)`,
);
console.log(`demo page   ${pageUrl}`);
console.log("Press Ctrl+C to stop.");

const stop = async () => {
  await Promise.allSettled([page.close(), cloud.close()]);
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
