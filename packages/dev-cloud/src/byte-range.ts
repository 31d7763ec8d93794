import type { IncomingMessage, ServerResponse } from "node:http";

/** How a `Range` header applies to a body of known size. */
export type RangeDecision =
  | { kind: "full" }
  /** Inclusive byte offsets, already clipped to the body. */
  | { kind: "partial"; start: number; end: number }
  | { kind: "unsatisfiable" };

/**
 * Interprets a `Range` header per RFC 9110 for one body: `bytes=a-b`,
 * `bytes=a-` and the suffix form `bytes=-n`.
 *
 * - No header, another unit, or a syntactically invalid spec → `full` (the
 *   RFC says to ignore what cannot be parsed).
 * - Several ranges → `full`: a server may ignore `Range`, and neither Drive
 *   nor OneDrive clients ask for multipart/byteranges.
 * - A start at or past the end, or `-0` → `unsatisfiable`.
 *
 * @example
 * ```ts
 * parseRangeHeader("bytes=-500", 1000); // { kind: "partial", start: 500, end: 999 }
 * ```
 */
export function parseRangeHeader(header: string | undefined, size: number): RangeDecision {
  if (header === undefined) return { kind: "full" };
  const unit = /^\s*bytes\s*=(.*)$/i.exec(header);
  const spec = unit?.[1]?.trim();
  if (spec === undefined || spec.includes(",")) return { kind: "full" };
  const parts = /^(\d*)\s*-\s*(\d*)$/.exec(spec);
  const first = parts?.[1] ?? "";
  const last = parts?.[2] ?? "";
  if (parts === null || (first === "" && last === "")) return { kind: "full" };

  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const requestedEnd = last === "" ? Number.POSITIVE_INFINITY : Number(last);
  if (requestedEnd < start) return { kind: "full" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: Math.min(requestedEnd, size - 1) };
}

/**
 * Sends a whole file or the slice its `Range` header asks for: 200 with
 * `Accept-Ranges: bytes`, 206 with `Content-Range: bytes a-b/size`, or 416
 * with `Content-Range: bytes *\/size`. HEAD gets the same headers and no body.
 * Shared by the Drive (`alt=media`) and OneDrive download routes.
 *
 * @param request - Read for `Range` and the method.
 * @param response - Finished by this call.
 * @param bytes - The whole file.
 * @param contentType - The file's media type.
 * @param headers - Extra headers for every outcome, e.g. `ETag`.
 */
export function sendBytesWithRange(
  request: IncomingMessage,
  response: ServerResponse,
  bytes: Uint8Array,
  contentType: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  const size = bytes.byteLength;
  const decision = parseRangeHeader(request.headers.range, size);
  const bodyless = request.method === "HEAD";
  if (decision.kind === "unsatisfiable") {
    response.writeHead(416, {
      ...headers,
      "Accept-Ranges": "bytes",
      "Content-Range": `bytes */${size}`,
      "Content-Length": "0",
    });
    response.end();
    return;
  }
  const common = { ...headers, "Content-Type": contentType, "Accept-Ranges": "bytes" };
  if (decision.kind === "full") {
    response.writeHead(200, { ...common, "Content-Length": String(size) });
    response.end(bodyless ? undefined : bytes);
    return;
  }
  const slice = bytes.subarray(decision.start, decision.end + 1);
  response.writeHead(206, {
    ...common,
    "Content-Range": `bytes ${decision.start}-${decision.end}/${size}`,
    "Content-Length": String(slice.byteLength),
  });
  response.end(bodyless ? undefined : slice);
}
