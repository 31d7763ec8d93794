import { isPlayerError, PlayerError } from "@player/core-runtime";
import { type RemoteService, remoteServiceError, urlWithoutQuery } from "./remote-service-error.js";

/** Where a body comes from, for the errors. */
export interface BodySource {
  service: RemoteService;
  url: string | URL;
  /** The caller's signal: a read it aborted is `http/aborted`, not a network failure. */
  signal?: AbortSignal | undefined;
}

/** JSON answers of these services are a few KiB; lyrics can reach some 100 KiB. */
export const MAX_JSON_BYTES = 2 * 1024 * 1024;
/** HttpClient's timeout ends with the headers; a body that stalls must end too. */
export const BODY_TIMEOUT_MS = 30_000;

function tooLarge(response: Response, source: BodySource, maxBytes: number) {
  return remoteServiceError(
    `${source.service} answered more than ${maxBytes} bytes from ${urlWithoutQuery(source.url)}`,
    {
      service: source.service,
      reason: "too-large",
      url: urlWithoutQuery(source.url),
      status: response.status,
    },
  );
}

/**
 * Reads a response body, refusing to hold more than `maxBytes`: a declared
 * `Content-Length` above it fails at once, a longer stream once it passes it.
 *
 * @param timeoutMs - How long the whole body may take. Default {@link BODY_TIMEOUT_MS}.
 * @throws PlayerError (reason `too-large`) past the bound; `http/timeout` when the
 *   body takes too long; `http/network` when the stream breaks off; `http/aborted`
 *   when `source.signal` aborted it.
 */
export async function readBoundedBytes(
  response: Response,
  maxBytes: number,
  source: BodySource,
  timeoutMs = BODY_TIMEOUT_MS,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw tooLarge(response, source, maxBytes);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  let timedOut = false;
  // Cancelling ends the pending read with `done`, which the flag tells apart from the end.
  const timer = setTimeout(() => {
    timedOut = true;
    void reader.cancel().catch(() => undefined);
  }, timeoutMs);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (timedOut) throw bodyTimeout(source, timeoutMs);
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) throw tooLarge(response, source, maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    void reader.cancel().catch(() => undefined);
    throw bodyReadError(error, source);
  } finally {
    clearTimeout(timer);
    reader.releaseLock();
  }
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function bodyTimeout(source: BodySource, timeoutMs: number): PlayerError {
  const url = urlWithoutQuery(source.url);
  return new PlayerError("http/timeout", `Reading the answer of ${url} took over ${timeoutMs} ms`, {
    retryable: true,
    details: { url, timeoutMs },
  });
}

/** A stream failure as the PlayerError HttpClient would have made of it. */
function bodyReadError(error: unknown, source: BodySource): PlayerError {
  if (isPlayerError(error)) return error;
  const url = urlWithoutQuery(source.url);
  if (source.signal?.aborted === true) {
    return new PlayerError("http/aborted", `Request to ${url} was aborted`, {
      cause: source.signal.reason,
      details: { url },
    });
  }
  return new PlayerError("http/network", `Reading the answer of ${url} failed`, {
    retryable: true,
    cause: error,
    details: { url },
  });
}

/**
 * Reads a bounded body and parses it as JSON.
 *
 * @throws PlayerError with reason `too-large` or `invalid-json`.
 */
export async function readBoundedJson(
  response: Response,
  source: BodySource,
  maxBytes = MAX_JSON_BYTES,
): Promise<unknown> {
  const bytes = await readBoundedBytes(response, maxBytes, source);
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch (cause) {
    const url = urlWithoutQuery(source.url);
    throw remoteServiceError(`${source.service} answered invalid JSON from ${url}`, {
      service: source.service,
      reason: "invalid-json",
      url,
      status: response.status,
      cause,
    });
  }
}

/** Error bodies are short; anything longer is not worth reading. */
const MAX_ERROR_BYTES = 16 * 1024;
/** How much of a service's explanation goes into a message or a log. */
const MAX_ERROR_TEXT = 200;

/**
 * The explanation in an error answer (`error` or `message` of a JSON body),
 * shortened, or `undefined` when there is none. Never throws.
 */
export async function readErrorText(
  response: Response,
  source: BodySource,
): Promise<string | undefined> {
  try {
    const body = await readBoundedJson(response, source, MAX_ERROR_BYTES);
    if (typeof body !== "object" || body === null) return undefined;
    const { error, message } = body as { error?: unknown; message?: unknown };
    const text = typeof error === "string" ? error : typeof message === "string" ? message : "";
    return text === "" ? undefined : text.slice(0, MAX_ERROR_TEXT);
  } catch {
    return undefined;
  }
}

/** Lets go of a body nobody will read, so the connection is not pinned. */
export function discardBody(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}
