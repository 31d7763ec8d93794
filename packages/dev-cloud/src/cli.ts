#!/usr/bin/env node
import { CLI_USAGE, formatRouteOverview, parseCliArgs } from "./cli-args.js";
import { startDevCloud } from "./server.js";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    console.error(CLI_USAGE);
    process.exitCode = 2;
    return;
  }
  if (command.kind === "help") {
    console.log(CLI_USAGE);
    return;
  }
  const cloud = await startDevCloud(command.options);
  const trackCount = cloud.context.library.tracks().length;
  console.log(`dev-cloud listening on ${cloud.url} (${trackCount} tracks)`);
  console.log(formatRouteOverview(cloud.url));
  console.log("Routes: docs/routes.md in @player/dev-cloud. Ctrl+C stops.");
  const stop = (): void => {
    cloud.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
