/**
 * A scripted HTTP server on 127.0.0.1 for the http tests: real sockets, real
 * headers, real resets. Test-only; not exported from the package.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { isPlayerError, type PlayerError } from "../errors.js";
import { HttpClient } from "./http-client.js";
import type { HttpClientOptions } from "./http-client-options.js";

/** One request as the server saw it. */
export interface RecordedHit {
  index: number;
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Resolves when the server side of this exchange closes (finished or cut). */
  closed: Promise<void>;
}

/** Answers one request. It may answer late, never, or destroy the socket. */
export type TestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  hit: RecordedHit,
) => void | Promise<void>;

/** A running scripted server. */
export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Absolute URL of `path` on this server. */
  url(path?: string): string;
  /** Every request received so far, in order. */
  readonly hits: readonly RecordedHit[];
  /** Resolves once `count` requests have arrived. */
  waitForHits(count: number): Promise<void>;
  /** Destroys open connections and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts a server that answers request `n` with `script[n]`, repeating the
 * last handler once the script runs out.
 *
 * @example
 * ```ts
 * const server = await startTestServer([respond(503), respond(200, "ok")]);
 * ```
 */
export async function startTestServer(
  script: TestHandler | readonly TestHandler[],
): Promise<TestServer> {
  const handlers = typeof script === "function" ? [script] : script;
  if (handlers.length === 0) throw new Error("startTestServer needs at least one handler");
  const hits: RecordedHit[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const hit: RecordedHit = {
        index: hits.length,
        method: request.method ?? "",
        path: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        closed: new Promise((resolve) => response.once("close", () => resolve())),
      };
      hits.push(hit);
      for (const waiter of waiters.filter((w) => hits.length >= w.count)) waiter.resolve();
      const handler = handlers[Math.min(hit.index, handlers.length - 1)];
      // A handler that throws cuts the connection, which the client sees as a network error.
      void Promise.resolve()
        .then(() => handler?.(request, response, hit))
        .catch(() => response.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path = "/") => `${origin}${path}`,
    hits,
    waitForHits: (count) =>
      hits.length >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that answers `status` with `body` and `headers`. */
export function respond(
  status: number,
  body: string | Uint8Array = "",
  headers: Record<string, string> = {},
): TestHandler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}

/** A handler that never answers (the client must time out or abort). */
export function hang(): TestHandler {
  return () => undefined;
}

/** A handler that cuts the connection without an answer. */
export function destroySocket(): TestHandler {
  return (request) => {
    request.socket.destroy();
  };
}

/** Byte `i` of the test resource: a pattern where neighbouring bytes differ. */
export function patternByte(index: number): number {
  return (index * 7 + 3) % 256;
}

/** The bytes `[start, end)` of the test pattern. */
export function patternBytes(start: number, end: number): Uint8Array {
  return Uint8Array.from({ length: end - start }, (_, i) => patternByte(start + i));
}

/** A client whose waits are recorded instead of slept, with random fixed at 1. */
export function recordingClient(options: HttpClientOptions = {}): {
  client: HttpClient;
  delays: number[];
} {
  const delays: number[] = [];
  const client = new HttpClient({
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: () => 1,
    ...options,
  });
  return { client, delays };
}

/** The PlayerError a promise rejects with; throws if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<PlayerError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!isPlayerError(error)) throw new Error(`expected a PlayerError, got ${String(error)}`);
  return error;
}
