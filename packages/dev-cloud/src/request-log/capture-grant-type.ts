import type { IncomingMessage } from "node:http";

/** Token request bodies are small; anything past this is not read for the log. */
const MAX_CAPTURED_BYTES = 16 * 1024;
/** Grant types are short tokens or URNs; anything else is not logged. */
const GRANT_TYPE = /^[A-Za-z0-9_.:-]{1,200}$/;

/**
 * Watches the body a route reads from a token request and returns a function
 * giving its `grant_type` once read. Only `grant_type` is kept: codes,
 * verifiers, secrets and refresh tokens never reach the log.
 *
 * The body is observed, not consumed: `Readable.read()` and flowing mode both
 * emit `data` for every chunk handed to the consumer, so wrapping `emit`
 * sees exactly what the route reads without changing when or how it reads.
 * (A `data` listener of our own would switch the stream to flowing mode and
 * lose chunks the route has not subscribed to yet.)
 *
 * @param request - A POST to a token endpoint (a form, or a JSON object for Google).
 * @returns A function giving the grant type, or `undefined` if the route did not read it.
 */
export function captureGrantType(request: IncomingMessage): () => string | undefined {
  const chunks: Buffer[] = [];
  let size = 0;
  const emit = request.emit;
  request.emit = function emitAndCapture(
    this: IncomingMessage,
    event: string | symbol,
    ...args: unknown[]
  ): boolean {
    const chunk = args[0];
    if (event === "data" && size < MAX_CAPTURED_BYTES) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      chunks.push(buffer);
      size += buffer.byteLength;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as IncomingMessage["emit"];

  return () => {
    if (chunks.length === 0) return undefined;
    const grantType = readGrantType(request, Buffer.concat(chunks).toString("utf8"));
    return grantType !== undefined && GRANT_TYPE.test(grantType) ? grantType : undefined;
  };
}

/** Token endpoints take forms, and Google's also a flat JSON object. */
function readGrantType(request: IncomingMessage, body: string): string | undefined {
  const type = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") {
    return new URLSearchParams(body).get("grant_type") ?? undefined;
  }
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === "object" && value !== null && "grant_type" in value) {
      return typeof value.grant_type === "string" ? value.grant_type : undefined;
    }
  } catch {
    // A malformed body has no grant type to log; the route answers it.
  }
  return undefined;
}
