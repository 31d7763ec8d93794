import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import { newGuid } from "./guid.js";

/** Options for {@link sendGraphError}. */
export interface GraphErrorOptions {
  /** A more specific code nested in `innerError.code` (e.g. `resyncChangesApplyDifferences`). */
  innerCode?: string;
  /** Extra headers, e.g. `Location` or `WWW-Authenticate`. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Answers with Graph's error shape:
 * `{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}`,
 * with the same ids in the `request-id` / `client-request-id` headers.
 *
 * @param request - The request (its `client-request-id` is echoed).
 * @param response - The response to finish.
 * @param context - Clock and randomness for the ids and date.
 * @param status - HTTP status.
 * @param code - Graph error code, e.g. `itemNotFound`.
 * @param message - Human-readable text.
 */
export function sendGraphError(
  request: IncomingMessage,
  response: ServerResponse,
  context: DevCloudContext,
  status: number,
  code: string,
  message: string,
  options: GraphErrorOptions = {},
): void {
  const requestId = newGuid(context.random);
  const sent = request.headers["client-request-id"];
  const clientRequestId = typeof sent === "string" && sent !== "" ? sent : requestId;
  const innerError: Record<string, string> = {};
  if (options.innerCode !== undefined) innerError.code = options.innerCode;
  // Graph's date has no fraction and no zone designator.
  innerError.date = new Date(context.clock.now()).toISOString().slice(0, 19);
  innerError["request-id"] = requestId;
  innerError["client-request-id"] = clientRequestId;
  sendJson(
    response,
    status,
    { error: { code, message, innerError } },
    { ...options.headers, "request-id": requestId, "client-request-id": clientRequestId },
  );
}
