import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DevCloudAdmin } from "./admin/admin-client.js";
import { registerAdminRoutes } from "./admin/admin-routes.js";
import type { DevCloudContext } from "./context.js";
import { handleCors } from "./cors.js";
import { createDevCloudContext, type DevCloudContextHandle } from "./create-context.js";
import { applyFault, type FaultInjector } from "./faults/index.js";
import { registerGoogleRoutes } from "./google/index.js";
import { sendError, sendJson } from "./http-response.js";
import type { ContentRenderer } from "./library/library-types.js";
import { registerMetadataServiceRoutes } from "./metadata-services/index.js";
import { registerMicrosoftRoutes } from "./microsoft/index.js";
import { RequestLog } from "./request-log/index.js";
import { Router } from "./router.js";

/** Options for {@link startDevCloud}. */
export interface DevCloudOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Tracks in the generated library. Default 60. */
  tracks?: number;
  /** Seeds the library, ids and tokens. Default 1. */
  seed?: number;
  /** Seeds the fault randomness. Default `seed`. */
  faultSeed?: number;
  /** Start of the server clock (ms since the epoch). Default `Date.now()`. */
  now?: number;
  /**
   * MusicBrainz's rate limit per client (remote address), in requests per
   * second; faster requests get 503. `0` turns it off. Default 1, like the real service.
   */
  musicBrainzRequestsPerSecond?: number;
}

/** A running dev-cloud server. */
export interface DevCloud {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** The emulator's state: library, clock, randomness, faults, clients, users. */
  readonly context: DevCloudContext;
  /** A client of this server's admin API. */
  readonly admin: DevCloudAdmin;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Everything the routes and middleware of one server share. */
export interface DevCloudRouterDependencies {
  context: DevCloudContext;
  faults: FaultInjector;
  requestLog: RequestLog;
  renderer: Pick<ContentRenderer, "renderLyrics">;
}

/** Default size of the generated library. */
export const DEFAULT_TRACKS = 60;
/** Default seed. */
export const DEFAULT_SEED = 1;
/** Requests under this prefix are neither logged nor faulted: they are the test's own controls. */
const ADMIN_PREFIX = "/__admin/";

/**
 * The routes the emulator answers: health, admin, the lyrics and artwork
 * services, Google (OAuth, Drive) and Microsoft (identity, Graph).
 */
export function createDevCloudRouter(dependencies: DevCloudRouterDependencies): Router {
  const { context } = dependencies;
  const router = new Router().get("/health", (_request, response) => {
    sendJson(response, 200, { ok: true, service: "dev-cloud" });
  });
  registerAdminRoutes(router, dependencies);
  registerMetadataServiceRoutes(router, context, dependencies.renderer);
  registerGoogleRoutes(router, context);
  registerMicrosoftRoutes(router, context);
  return router;
}

/**
 * Starts the local cloud emulator over plain HTTP.
 *
 * @param options - Port, host, library size and seeds; defaults to any free
 *   port on 127.0.0.1 with 60 tracks from seed 1.
 * @returns The server's URL and port, its context, an admin client and `close()`.
 * @throws RangeError or TypeError for invalid options; the listen error (e.g. `EADDRINUSE`).
 *
 * @example
 * ```ts
 * const cloud = await startDevCloud({ tracks: 20, seed: 7 });
 * const { tracks } = await cloud.admin.library();
 * await cloud.admin.setFaults([{ route: "/google/drive", kind: "status", probability: 0.2 }]);
 * await cloud.close();
 * ```
 */
export async function startDevCloud(options: DevCloudOptions = {}): Promise<DevCloud> {
  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`port must be an integer from 0 to 65535, got ${String(port)}.`);
  }
  if (typeof host !== "string" || host.length === 0) {
    throw new TypeError("host must be a non-empty string.");
  }

  const handle = createDevCloudContext({
    tracks: options.tracks ?? DEFAULT_TRACKS,
    seed: options.seed ?? DEFAULT_SEED,
    ...(options.faultSeed === undefined ? {} : { faultSeed: options.faultSeed }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.musicBrainzRequestsPerSecond === undefined
      ? {}
      : { musicBrainzRequestsPerSecond: options.musicBrainzRequestsPerSecond }),
  });
  return serveDevCloud(handle, { port, host });
}

/**
 * Serves an already built context: the whole emulator (CORS, request log,
 * faults, every route) on `host:port`. {@link startDevCloud} builds the
 * context from a seed; tests build one around a hand-made library.
 *
 * @param handle - The context and the parts the middleware drives.
 * @param listen - Where to listen; port `0` picks a free one.
 * @returns The running server; its `close()` also drops open connections.
 * @throws The listen error (e.g. `EADDRINUSE`).
 */
export async function serveDevCloud(
  handle: DevCloudContextHandle,
  listen: { port: number; host: string },
): Promise<DevCloud> {
  const { port, host } = listen;
  const { context, faults, renderer } = handle;
  const requestLog = new RequestLog({ now: () => context.clock.now() });
  const router = createDevCloudRouter({ context, faults, requestLog, renderer });
  let origin = "http://localhost";

  const server = createServer((request, response) => {
    const dependencies = { context, faults, requestLog, router, origin };
    handleRequest(dependencies, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      sendError(response, 500, "internal", message);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${urlHost}:${address.port}`;
  origin = url;
  handle.setOrigin(url);
  let closing: Promise<void> | undefined;

  return {
    url,
    port: address.port,
    context,
    admin: new DevCloudAdmin(url),
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        // Keep-alive sockets (fetch keeps them) would hold close() open forever.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

interface RequestDependencies {
  context: DevCloudContext;
  faults: FaultInjector;
  requestLog: RequestLog;
  router: Router;
  origin: string;
}

/** CORS, then the request log, then faults, then the route. */
async function handleRequest(
  dependencies: RequestDependencies,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (handleCors(request, response)) return;
  const method = request.method ?? "GET";
  const url = parseTarget(dependencies.origin, request.url ?? "/");
  const isAdmin = url.pathname.startsWith(ADMIN_PREFIX);

  if (!isAdmin) {
    const recorder = dependencies.requestLog.begin(request, response, url);
    const fault = dependencies.faults.pick(method, url.pathname);
    if (fault !== undefined) {
      recorder.setFault(fault);
      const now = dependencies.context.clock.now();
      if ((await applyFault(fault, response, url.pathname, now)) === "answered") return;
    }
  }

  const match = dependencies.router.match(method, url.pathname);
  if (match.kind === "found") {
    await match.handler(request, response, { url, params: match.params });
    return;
  }
  if (match.kind === "method-not-allowed") {
    sendError(response, 405, "method_not_allowed", `${method} is not allowed on ${url.pathname}.`, {
      Allow: match.allowed.join(", "),
    });
    return;
  }
  sendError(response, 404, "not_found", `No route for ${method} ${url.pathname}.`);
}

/** The request target as a URL on this server. */
function parseTarget(origin: string, target: string): URL {
  // Prefixing rather than resolving keeps a path such as `//x` from being read as a host.
  if (target.startsWith("/")) return new URL(`${origin}${target}`);
  try {
    return new URL(target); // absolute-form, as proxies send it
  } catch {
    return new URL(`${origin}/`); // `*` (OPTIONS) and garbage: nothing routes there
  }
}
