import type { IncomingMessage, ServerResponse } from "node:http";
import { sendInsufficientScopes, sendInvalidCredentials } from "./drive-errors.js";
import type { AccessTokenRecord, GoogleAuthState } from "./google-auth-state.js";
import { type DriveAccess, driveAccess, GOOGLE_SCOPES } from "./google-scopes.js";

/**
 * Reads `Authorization: Bearer <token>` and returns the live token's record,
 * or answers 401 (`authError`, `WWW-Authenticate: Bearer …`) and returns
 * `undefined`. Query-string `access_token` is not accepted: Drive stopped
 * taking it, and a player that relies on it would break against the real API.
 */
export function authenticateBearer(
  request: IncomingMessage,
  response: ServerResponse,
  state: GoogleAuthState,
): AccessTokenRecord | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  const record = token === undefined ? undefined : state.authenticate(token);
  if (record === undefined) sendInvalidCredentials(response, token !== undefined);
  return record;
}

/**
 * {@link authenticateBearer} plus a Drive scope check: `metadata` needs any
 * of drive, drive.readonly, drive.metadata(.readonly); `content` needs drive
 * or drive.readonly. Answers 403 `insufficientPermissions` otherwise.
 */
export function authorizeDrive(
  request: IncomingMessage,
  response: ServerResponse,
  state: GoogleAuthState,
  needed: Exclude<DriveAccess, "none">,
): AccessTokenRecord | undefined {
  const record = authenticateBearer(request, response, state);
  if (record === undefined) return undefined;
  const access = driveAccess(record.grant.scopes);
  if (access === "none" || (needed === "content" && access !== "content")) {
    sendInsufficientScopes(response, GOOGLE_SCOPES.driveReadonly);
    return undefined;
  }
  return record;
}
