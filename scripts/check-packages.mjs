// Release hygiene for every published package: publint (package.json, exports,
// files) and @arethetypeswrong/cli (types resolve for ESM consumers). Runs on
// the built packages; any error or warning fails the run.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = fileURLToPath(new URL("..", import.meta.url));
const attw = join(root, "node_modules/.bin/attw");
const packageDirs = readdirSync(join(root, "packages")).map((name) => join(root, "packages", name));

let failures = 0;
for (const dir of packageDirs) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  if (manifest.private) continue;
  const problems = [];
  const { messages } = await publint({ pkgDir: dir, level: "warning", strict: true });
  for (const message of messages) problems.push(`publint: ${formatMessage(message, manifest)}`);
  try {
    execFileSync(attw, ["--pack", dir, "--profile", "esm-only", "--format", "ascii"], {
      stdio: "pipe",
      encoding: "utf8",
    });
  } catch (error) {
    problems.push(`attw:\n${error.stdout || error.message}`);
  }
  if (problems.length === 0) {
    console.log(`ok    ${manifest.name}`);
  } else {
    failures++;
    console.log(`FAIL  ${manifest.name}\n${problems.map((line) => `      ${line}`).join("\n")}`);
  }
}
if (failures > 0) {
  console.error(`${failures} package(s) failed publint or attw`);
  process.exit(1);
}
