import { parseArgs } from "node:util";
import type { DevCloudOptions } from "./server.js";

/** Usage text printed by `player-dev-cloud --help`. */
export const CLI_USAGE = `Usage: player-dev-cloud [--port <port>] [--host <host>]

  --port, -p  TCP port to listen on (default 0: any free port)
  --host      interface to listen on (default 127.0.0.1)
  --help, -h  show this help`;

/** What the command line asked for. */
export type CliCommand = { kind: "help" } | { kind: "start"; options: DevCloudOptions };

/**
 * Parses the dev-cloud command line.
 *
 * @param argv - Arguments after the script name (`process.argv.slice(2)`).
 * @throws Error for unknown options or a port that is not an integer in 0-65535.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) return { kind: "help" };
  const options: DevCloudOptions = {};
  if (values.port !== undefined) {
    if (!/^\d{1,5}$/.test(values.port) || Number(values.port) > 65_535) {
      throw new Error(`--port must be an integer from 0 to 65535, got "${values.port}".`);
    }
    options.port = Number(values.port);
  }
  if (values.host !== undefined) {
    if (values.host.length === 0) throw new Error("--host must not be empty.");
    options.host = values.host;
  }
  return { kind: "start", options };
}
