import type { DevCloudContext } from "../context.js";
import type { FaultInjector } from "../faults/index.js";
import type { FakeContentRenderer } from "../library/fake-content-renderer.js";
import { serveDevCloud } from "../server.js";
import { createTestContext, type TestContextOptions } from "./test-context.js";

/** The whole emulator on 127.0.0.1 over a {@link createTestContext} context. */
export interface TestServer {
  /** Base URL without a trailing slash. */
  readonly url: string;
  /** Library, clock, users and clients the routes see; tests mutate and advance them. */
  readonly context: DevCloudContext;
  /** Turns faults on, e.g. early token expiry. */
  readonly faults: FaultInjector;
  /** Renders the library's tracks and lyrics. */
  readonly renderer: FakeContentRenderer;
  close(): Promise<void>;
}

/**
 * Starts the real server (CORS, request log, faults, every route) on a free
 * port of 127.0.0.1 over a test context.
 *
 * @param options - The drive's content and the users; default an empty drive and the dev users.
 *
 * @example
 * ```ts
 * const server = await startTestServer();
 * await fetch(`${server.url}/health`);
 * await server.close();
 * ```
 */
export async function startTestServer(options: TestContextOptions = {}): Promise<TestServer> {
  const handle = createTestContext(options);
  const cloud = await serveDevCloud(handle, { port: 0, host: "127.0.0.1" });
  return {
    url: cloud.url,
    context: handle.context,
    faults: handle.faults,
    renderer: handle.renderer,
    close: () => cloud.close(),
  };
}
