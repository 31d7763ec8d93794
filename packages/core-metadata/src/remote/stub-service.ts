import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Answers one request of a {@link StubService}. */
export type StubHandler = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server whose answers a test scripts, for replies no real service sends. */
export interface StubService {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** Paths (with query) of every request so far, in order. */
  readonly requests: string[];
  /** Replaces the handler for the requests that follow. */
  answer(handler: StubHandler): void;
  close(): Promise<void>;
}

/**
 * Starts a {@link StubService} on a free port of 127.0.0.1. Test support only:
 * the dev-cloud emulates the real services; this one says whatever it is told.
 */
export async function startStubService(): Promise<StubService> {
  let handler: StubHandler = (_request, response) => {
    response.writeHead(500).end();
  };
  const requests: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answer(next) {
      handler = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A handler that sends `body` with `status` and the given headers. */
export function reply(
  status: number,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): StubHandler {
  return (_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  };
}
