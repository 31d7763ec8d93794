import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { sendGraphError } from "./graph-error.js";
import { canReadFiles } from "./scopes.js";
import type { AccessTokenRecord, MicrosoftTokenStore } from "./token-store.js";

/** What a Graph route needs the token to allow. */
export type GraphPermission = "profile" | "files";

/** Graph's own application id, which real 401s name in `WWW-Authenticate`. */
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

/**
 * Checks the `Authorization: Bearer` header of a Graph request. On failure
 * it answers (401 `InvalidAuthenticationToken`, or 403 `accessDenied` when
 * the scopes do not cover the route) and returns `undefined`.
 *
 * @param permission - `files` needs `Files.Read` or `Files.Read.All`; `profile` any valid token.
 */
export function authenticateGraphRequest(
  request: IncomingMessage,
  response: ServerResponse,
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
  permission: GraphPermission,
): AccessTokenRecord | undefined {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  const unauthorized = (message: string): undefined => {
    sendGraphError(request, response, context, 401, "InvalidAuthenticationToken", message, {
      headers: {
        "WWW-Authenticate": `Bearer realm="", authorization_uri="${context.origin()}/microsoft/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
      },
    });
    return undefined;
  };
  if (token === undefined) return unauthorized("Access token is empty.");
  const check = tokens.checkAccessToken(token);
  if (check.kind === "unknown") {
    return unauthorized(
      token.includes(".")
        ? "Access token validation failure. Invalid signature."
        : "IDX14100: JWT is not well formed, there are no dots (.).",
    );
  }
  if (check.kind === "expired")
    return unauthorized("Access token has expired or is not yet valid.");
  if (permission === "files" && !canReadFiles(check.record.scopes)) {
    sendGraphError(request, response, context, 403, "accessDenied", "Access denied");
    return undefined;
  }
  return check.record;
}
