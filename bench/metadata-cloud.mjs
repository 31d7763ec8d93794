// The dev-cloud of `pnpm bench metadata`, in its own process (its CLI): the
// emulator's rendering and range slicing then run on their own thread and
// core, not on the event loop whose tag scan is being timed, as with a real
// remote drive.
import { spawn } from "node:child_process";
import { DevCloudAdmin } from "@player/dev-cloud";
import { repoPath } from "./typescript-module.mjs";

const LISTENING = /dev-cloud listening on (http:\/\/\S+)/;
const START_TIMEOUT_MS = 30_000;

/** Starts `player-dev-cloud --tracks <tracks> --seed <seed>`; resolves with its URL, admin client and `close()`. */
export function startDevCloudProcess({ tracks, seed }) {
  const child = spawn(
    process.execPath,
    [
      repoPath("packages/dev-cloud/dist/cli.js"),
      "--tracks",
      String(tracks),
      "--seed",
      String(seed),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`dev-cloud did not start within ${START_TIMEOUT_MS} ms:\n${output}`));
    }, START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`dev-cloud exited with ${code} before listening:\n${output}`));
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const url = LISTENING.exec(output)?.[1];
      if (url === undefined) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners("data");
      child.stdout.resume();
      resolve({ url, admin: new DevCloudAdmin(url), close });
    });
  });
}
