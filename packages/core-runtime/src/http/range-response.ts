import { PlayerError, type PlayerErrorDetails } from "../errors.js";
import { parseContentRange } from "./content-range.js";
import { readStreamSlice, type StreamSlice } from "./stream-slice.js";

/** A byte range to read; both ends are inclusive, like the `Range` header. */
export interface ByteRange {
  /** First byte, a non-negative integer. */
  start: number;
  /** Last byte (inclusive); omit to read to the end of the resource. */
  end?: number;
}

/** The bytes of a range read by {@link HttpClient.readRange}. */
export interface RangeReadResult {
  /** The bytes `start..end`, inclusive. */
  bytes: Uint8Array;
  /** Offset of the first byte in the resource (always the asked start). */
  start: number;
  /**
   * Offset of the last byte in the resource, inclusive. May be less than the
   * asked end when the resource is shorter or the server sent a shorter range;
   * `start - 1` never happens (an empty range is a 416).
   */
  end: number;
  /** Size of the whole resource, when the server told it. */
  totalSize: number | undefined;
  /** True for a `206` answer; false when the server ignored `Range` and sent a `200`. */
  partial: boolean;
}

/**
 * The `Range` request header for a byte range.
 *
 * @example
 * ```ts
 * formatRangeHeader({ start: 100 }); // "bytes=100-"
 * formatRangeHeader({ start: 0, end: 99 }); // "bytes=0-99"
 * ```
 */
export function formatRangeHeader(range: ByteRange): string {
  return range.end === undefined ? `bytes=${range.start}-` : `bytes=${range.start}-${range.end}`;
}

/** Content-Length when it counts the bytes we will read (not a compressed size). */
function decodedContentLength(response: Response): number | undefined {
  const encoding = response.headers.get("content-encoding");
  if (encoding !== null && encoding.trim().toLowerCase() !== "identity") return undefined;
  const text = response.headers.get("content-length");
  if (text === null || !/^\s*\d+\s*$/.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}

function mismatch(
  message: string,
  details: PlayerErrorDetails,
  options: { retryable?: boolean; cause?: unknown } = {},
): PlayerError {
  return new PlayerError("http/range-mismatch", message, {
    details: { reason: "content-range", ...details },
    retryable: options.retryable ?? false,
    cause: options.cause,
  });
}

function truncated(url: string, status: number, expected: number, received: number): PlayerError {
  return mismatch(
    `Body from ${url} ended after ${received} of ${expected} bytes`,
    { status, url, reason: "truncated", expectedBytes: expected, receivedBytes: received },
    { retryable: true },
  );
}

/**
 * Reads `limit` bytes at `skip` from a body, turning a stream failure into a
 * truncation error. An abort or timeout also lands here; the client checks its
 * own abort flags first, so those are still reported as aborted/timeout.
 */
async function readSlice(
  response: Response,
  url: string,
  skip: number,
  limit: number,
  expected: number,
): Promise<StreamSlice> {
  try {
    return await readStreamSlice(response.body, skip, limit);
  } catch (cause) {
    throw mismatch(
      `Body from ${url} failed before all ${expected} bytes arrived`,
      { status: response.status, url, reason: "truncated", expectedBytes: expected },
      { retryable: true, cause },
    );
  }
}

function notSatisfiable(url: string, range: ByteRange, totalSize: number | undefined): PlayerError {
  const details: Record<string, string | number> = { status: 416, url, start: range.start };
  if (totalSize !== undefined) details.totalSize = totalSize;
  return new PlayerError(
    "http/range-not-satisfiable",
    `Range ${formatRangeHeader(range)} is past the end of ${url}` +
      (totalSize === undefined ? "" : ` (${totalSize} bytes)`),
    { details },
  );
}

async function readPartial(
  response: Response,
  range: ByteRange,
  url: string,
): Promise<RangeReadResult> {
  const header = response.headers.get("content-range");
  const contentRange = parseContentRange(header);
  const asked = formatRangeHeader(range);
  if (
    contentRange === undefined ||
    contentRange.kind !== "range" ||
    contentRange.start !== range.start ||
    (range.end !== undefined && contentRange.end > range.end)
  ) {
    void response.body?.cancel().catch(() => undefined);
    throw mismatch(`Asked ${url} for ${asked}, got Content-Range ${header ?? "(none)"}`, {
      status: 206,
      url,
      range: asked,
      contentRange: header,
    });
  }
  const expected = contentRange.end - contentRange.start + 1;
  const length = decodedContentLength(response);
  if (length !== undefined && length !== expected) {
    void response.body?.cancel().catch(() => undefined);
    throw mismatch(`Content-Range ${header} of ${url} disagrees with Content-Length ${length}`, {
      status: 206,
      url,
      contentRange: header,
      contentLength: length,
    });
  }
  // One byte more than promised is enough to tell a too-long body.
  const slice = await readSlice(response, url, 0, expected + 1, expected);
  if (slice.bytes.byteLength > expected) {
    throw mismatch(`Body from ${url} is longer than Content-Range ${header}`, {
      status: 206,
      url,
      reason: "too-long",
      expectedBytes: expected,
    });
  }
  if (slice.bytes.byteLength < expected) {
    throw truncated(url, 206, expected, slice.bytes.byteLength);
  }
  return {
    bytes: slice.bytes,
    start: contentRange.start,
    end: contentRange.end,
    totalSize: contentRange.totalSize,
    partial: true,
  };
}

async function readFromFull(
  response: Response,
  range: ByteRange,
  url: string,
): Promise<RangeReadResult> {
  const contentLength = decodedContentLength(response);
  if (contentLength !== undefined && range.start >= contentLength) {
    void response.body?.cancel().catch(() => undefined);
    throw notSatisfiable(url, range, contentLength);
  }
  const lastWanted = Math.min(
    range.end ?? Number.POSITIVE_INFINITY,
    contentLength === undefined ? Number.POSITIVE_INFINITY : contentLength - 1,
  );
  const wanted = lastWanted - range.start + 1;
  const slice = await readSlice(response, url, range.start, wanted, wanted);
  const received = slice.bytes.byteLength;
  if (received < wanted) {
    // readStreamSlice only stops early once it has everything, so the body ended.
    if (contentLength !== undefined) {
      throw truncated(url, 200, wanted, received);
    }
    if (received === 0) throw notSatisfiable(url, range, slice.bytesRead);
  }
  return {
    bytes: slice.bytes,
    start: range.start,
    end: range.start + received - 1,
    totalSize: contentLength ?? (slice.ended ? slice.bytesRead : undefined),
    partial: false,
  };
}

/**
 * Turns the answer to a `Range` request into the asked bytes, checking that
 * the server sent what it promised.
 *
 * - `206`: `Content-Range` must start at `range.start` and end at or before
 *   `range.end`; the body must be exactly that long.
 * - `200` (server ignored `Range`): the body is streamed, the first
 *   `range.start` bytes dropped, and the stream cancelled once `range.end` is
 *   reached.
 * - `416`: `http/range-not-satisfiable` with `totalSize` from `bytes *\/N`.
 *
 * @param response - An answer with status 200, 206 or 416.
 * @param range - The range that was asked for.
 * @param url - The URL for messages, already stripped of its query string.
 * @throws PlayerError `http/range-mismatch` (retryable when the body was
 *   truncated), `http/range-not-satisfiable`.
 */
export async function readRangeResponse(
  response: Response,
  range: ByteRange,
  url: string,
): Promise<RangeReadResult> {
  if (response.status === 206) return readPartial(response, range, url);
  if (response.status === 416) {
    void response.body?.cancel().catch(() => undefined);
    const contentRange = parseContentRange(response.headers.get("content-range"));
    throw notSatisfiable(url, range, contentRange?.totalSize);
  }
  return readFromFull(response, range, url);
}
