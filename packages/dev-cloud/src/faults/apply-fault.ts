import type { ServerResponse } from "node:http";
import { setTimeout as delay } from "node:timers/promises";
import { sendFaultResponse } from "./fault-responses.js";
import type { AppliedFault } from "./fault-types.js";

/** What the server does after {@link applyFault}. */
export type FaultOutcome = "answered" | "route";

/**
 * Applies a fault before routing.
 *
 * - `latency` waits, then lets the route answer.
 * - `status`, `rate-limit`, `user-rate-limit` answer with the error (see `sendFaultResponse`).
 * - `reset` lets the route answer but cuts the connection after `afterBytes` body bytes.
 *
 * @param fault - The fault picked for this request.
 * @param response - The request's response.
 * @param pathname - The URL path; picks the error format.
 * @param now - Server-clock time, for error bodies that carry a date.
 * @returns `"answered"` when the response is already finished, `"route"` to go on routing.
 */
export async function applyFault(
  fault: AppliedFault,
  response: ServerResponse,
  pathname: string,
  now: number,
): Promise<FaultOutcome> {
  switch (fault.kind) {
    case "latency":
      await delay(fault.latencyMs);
      return "route";
    case "reset":
      cutResponseAfter(response, fault.afterBytes);
      return "route";
    default:
      sendFaultResponse(response, fault, pathname, now);
      return "answered";
  }
}

type WriteCallback = (error?: Error | null) => void;

/**
 * Makes the response destroy its connection once `afterBytes` body bytes have
 * gone out. The response never ends normally, even when the body is shorter:
 * the client must see a reset, not a complete answer, whatever the route sends.
 *
 * @param response - A response whose headers have not been written yet.
 * @param afterBytes - Body bytes to let through; 0 cuts right after the headers.
 */
export function cutResponseAfter(response: ServerResponse, afterBytes: number): void {
  const write = response.write;
  let remaining = afterBytes;
  let cut = false;

  const passOn = (bytes: Uint8Array, callback?: WriteCallback): boolean =>
    Reflect.apply(write, response, callback === undefined ? [bytes] : [bytes, callback]) as boolean;

  const cutAfter = (bytes: Uint8Array): void => {
    cut = true;
    // Destroying only once the allowed bytes are flushed, so the client really receives them.
    passOn(bytes, () => response.destroy());
  };

  response.write = function writeUntilCut(chunk: unknown, ...rest: unknown[]): boolean {
    if (cut) return false;
    const bytes = toBytes(chunk, rest[0]);
    if (bytes.byteLength < remaining) {
      remaining -= bytes.byteLength;
      const callback = rest.find((arg): arg is WriteCallback => typeof arg === "function");
      return passOn(bytes, callback);
    }
    cutAfter(bytes.subarray(0, remaining));
    remaining = 0;
    return false;
  } as ServerResponse["write"];

  response.end = function endWithCut(chunk?: unknown, ...rest: unknown[]): ServerResponse {
    if (cut) return response;
    const bytes = typeof chunk === "function" ? new Uint8Array(0) : toBytes(chunk, rest[0]);
    cutAfter(bytes.subarray(0, Math.min(remaining, bytes.byteLength)));
    remaining = 0;
    return response;
  } as ServerResponse["end"];
}

function toBytes(chunk: unknown, encoding: unknown): Uint8Array {
  if (chunk === undefined || chunk === null) return new Uint8Array(0);
  if (typeof chunk === "string") {
    return Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
  }
  if (ArrayBuffer.isView(chunk)) {
    return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  throw new TypeError("Response chunks must be strings or byte arrays.");
}
