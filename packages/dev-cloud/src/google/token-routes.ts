import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import type { RouteHandler } from "../router.js";
import type { GoogleAuthState } from "./google-auth-state.js";
import { readGoogleForm } from "./google-form.js";
import { oauthError } from "./oauth-errors.js";
import { runTokenRequest, type TokenEndpointResult } from "./token-endpoint.js";

/** Fields the host app's backend forwards from the browser; anything else is dropped. */
const APP_FORWARDED_FIELDS = [
  "grant_type",
  "code",
  "redirect_uri",
  "code_verifier",
  "refresh_token",
];

/** `POST /google/token`: Google's token endpoint (form or JSON body, secret in body or Basic auth). */
export function createTokenHandler(state: GoogleAuthState, context: DevCloudContext): RouteHandler {
  return async (request, response) => {
    const params = await readGoogleForm(request);
    if (params === undefined) {
      sendResult(response, oauthError(400, "invalid_request", "Bad Request"));
      return;
    }
    mergeBasicCredentials(request, params);
    sendResult(response, runTokenRequest(params, { state, context }));
  };
}

/**
 * `POST /app/google/token`: stands in for the host app's backend, which holds
 * the client secret a browser must never see. It forwards the browser's grant
 * with the registered client's id and secret and relays Google's answer as is.
 */
export function createAppTokenHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return async (request, response) => {
    const params = await readGoogleForm(request);
    if (params === undefined) {
      sendResult(response, oauthError(400, "invalid_request", "Bad Request"));
      return;
    }
    const forwarded = new URLSearchParams();
    for (const name of APP_FORWARDED_FIELDS) {
      const value = params.get(name);
      if (value !== null) forwarded.set(name, value);
    }
    forwarded.set("client_id", context.clients.google.clientId);
    forwarded.set("client_secret", context.clients.google.clientSecret);
    sendResult(response, runTokenRequest(forwarded, { state, context }));
  };
}

/**
 * `POST /google/revoke`: ends the grant behind an access or refresh token
 * (form field or query parameter `token`, as Google accepts both).
 */
export function createRevokeHandler(state: GoogleAuthState): RouteHandler {
  return async (request, response, { url }) => {
    const params = await readGoogleForm(request);
    const token = params?.get("token") ?? url.searchParams.get("token") ?? "";
    if (token === "") {
      sendResult(response, oauthError(400, "invalid_request", "Bad Request"));
      return;
    }
    if (!state.revokeToken(token)) {
      sendResult(response, oauthError(400, "invalid_token", "Token expired or revoked"));
      return;
    }
    response.writeHead(200, { "Content-Length": "0", "Cache-Control": "no-store" });
    response.end();
  };
}

/** `GET /google/revoke`: the current endpoint only takes POST and answers GET with 404. */
export const revokeGetHandler: RouteHandler = (_request, response) => {
  const text = "Not Found";
  response.writeHead(404, {
    "Content-Type": "text/html; charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
  });
  response.end(text);
};

function sendResult(response: ServerResponse, result: TokenEndpointResult): void {
  sendJson(response, result.status, result.body, { Pragma: "no-cache" });
}

/** `Authorization: Basic base64(id:secret)` (client_secret_basic) fills in missing body fields. */
function mergeBasicCredentials(request: IncomingMessage, params: URLSearchParams): void {
  const header = request.headers.authorization ?? "";
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
  if (match === null || match[1] === undefined) return;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return;
  // RFC 6749 §2.3.1 form-encodes both halves before joining them.
  const id = safeDecode(decoded.slice(0, colon));
  const secret = safeDecode(decoded.slice(colon + 1));
  if (!params.has("client_id")) params.set("client_id", id);
  if (!params.has("client_secret")) params.set("client_secret", secret);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll("+", " "));
  } catch {
    return text;
  }
}
