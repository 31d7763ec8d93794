import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleCors } from "./cors.js";
import { sendError, sendJson } from "./http-response.js";
import { Router } from "./router.js";

/** Options for {@link startDevCloud}. */
export interface DevCloudOptions {
  /** TCP port; `0` (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
}

/** A running dev-cloud server. */
export interface DevCloud {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** The routes the emulator answers. Later: Google/Microsoft OAuth, Drive, Graph, LRCLIB. */
export function createDevCloudRouter(): Router {
  return new Router().get("/health", (_request, response) => {
    sendJson(response, 200, { ok: true, service: "dev-cloud" });
  });
}

/**
 * Starts the local cloud emulator over plain HTTP.
 *
 * @param options - Port and host; defaults to any free port on 127.0.0.1.
 * @returns The server's URL and port, and `close()`.
 *
 * @example
 * ```ts
 * const cloud = await startDevCloud();
 * const health = await fetch(`${cloud.url}/health`).then((r) => r.json());
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

  const router = createDevCloudRouter();
  const server = createServer((request, response) => {
    handleRequest(router, request, response).catch((error: unknown) => {
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
  let closing: Promise<void> | undefined;

  return {
    url,
    port: address.port,
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

async function handleRequest(
  router: Router,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (handleCors(request, response)) return;
  const method = request.method ?? "GET";
  const url = new URL(request.url ?? "/", `http://${request.headers.host ?? "localhost"}`);
  const match = router.match(method, url.pathname);
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
