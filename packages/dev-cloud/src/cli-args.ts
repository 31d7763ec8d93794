import { parseArgs } from "node:util";
import type { DevCloudOptions } from "./server.js";

/** Usage text printed by `player-dev-cloud --help`. */
export const CLI_USAGE = `Usage: player-dev-cloud [options]

  --port, -p <port>   TCP port to listen on (default 0: any free port)
  --host <host>       interface to listen on (default 127.0.0.1)
  --tracks <n>        tracks in the generated library (default 60)
  --seed <n>          seeds the library, ids and tokens (default 1)
  --fault-seed <n>    seeds the fault randomness (default: --seed)
  --help, -h          show this help

Negative seeds need the = form: --seed=-3`;

/** Largest library the command line accepts; files are rendered lazily, names are not. */
export const MAX_CLI_TRACKS = 100_000;

/** What the command line asked for. */
export type CliCommand = { kind: "help" } | { kind: "start"; options: DevCloudOptions };

/**
 * Parses the dev-cloud command line.
 *
 * @param argv - Arguments after the script name (`process.argv.slice(2)`).
 * @throws Error for unknown options or values out of range, naming the option.
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string" },
      tracks: { type: "string" },
      seed: { type: "string" },
      "fault-seed": { type: "string" },
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
  if (values.tracks !== undefined) {
    if (!/^\d{1,6}$/.test(values.tracks) || Number(values.tracks) > MAX_CLI_TRACKS) {
      throw new Error(
        `--tracks must be an integer from 0 to ${MAX_CLI_TRACKS}, got "${values.tracks}".`,
      );
    }
    options.tracks = Number(values.tracks);
  }
  if (values.seed !== undefined) options.seed = parseSeed("--seed", values.seed);
  if (values["fault-seed"] !== undefined) {
    options.faultSeed = parseSeed("--fault-seed", values["fault-seed"]);
  }
  return { kind: "start", options };
}

function parseSeed(option: string, text: string): number {
  if (!/^-?\d{1,16}$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`${option} must be a safe integer, got "${text}".`);
  }
  return Number(text);
}

/**
 * The route overview printed when the server starts: one line per service
 * with its base URL; docs/routes.md has the full table.
 *
 * @param url - The server's base URL.
 */
export function formatRouteOverview(url: string): string {
  const rows: [string, string][] = [
    ["Google sign-in", `${url}/google/o/oauth2/v2/auth  (token: /google/token)`],
    ["Google Drive v3", `${url}/google/drive/v3/files`],
    ["host app token exchange", `${url}/app/google/token`],
    ["Microsoft sign-in", `${url}/microsoft/common/oauth2/v2.0/authorize`],
    ["Microsoft Graph", `${url}/graph/v1.0/me/drive/root/children`],
    ["LRCLIB", `${url}/lrclib/api/get`],
    ["MusicBrainz", `${url}/musicbrainz/ws/2/recording?query=…&fmt=json`],
    ["Cover Art Archive", `${url}/coverartarchive/release/{mbid}`],
    ["admin", `${url}/__admin/library  (files, requests, faults, clock)`],
    ["health", `${url}/health`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, target]) => `  ${name.padEnd(width)}  ${target}`).join("\n");
}
