import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleCors } from "../../cors.js";
import { sendError } from "../../http-response.js";
import { Router } from "../../router.js";
import { registerMicrosoftRoutes } from "../index.js";
import { createFakeContext, type FakeContext } from "./fake-context.js";

/** A real HTTP server on 127.0.0.1 with only the Microsoft routes, over fakes. */
export interface MicrosoftTestServer extends FakeContext {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the test server. `seed` fills the fake library before the routes
 * are registered (the drive id derives from the root).
 */
export async function startMicrosoftTestServer(
  seed: (fake: FakeContext) => void = () => {},
): Promise<MicrosoftTestServer> {
  const fake = createFakeContext();
  seed(fake);
  const router = new Router();
  registerMicrosoftRoutes(router, fake.context);
  const server = createServer((request, response) => {
    dispatch(router, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendError(response, 500, "internal", error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.setOrigin(url);
  return {
    ...fake,
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error === undefined ? resolve() : reject(error)));
        server.closeAllConnections();
      }),
  };
}

/** The minimal dispatch of `server.ts`' handleRequest. */
async function dispatch(
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
    sendError(response, 405, "method_not_allowed", `${method} is not allowed.`, {
      Allow: match.allowed.join(", "),
    });
    return;
  }
  sendError(response, 404, "not_found", `No route for ${method} ${url.pathname}.`);
}
