import type { ServerResponse } from "node:http";
import { sendJson } from "../http-response.js";

/** One entry of the `errors` array in a Google API error. */
export interface DriveErrorItem {
  domain: string;
  reason: string;
  message: string;
  locationType?: string;
  location?: string;
}

/** The JSON body of every Drive v3 error: `{ error: { code, message, errors } }`. */
export interface DriveErrorBody {
  error: { code: number; message: string; errors: DriveErrorItem[] };
}

/**
 * Builds Drive's error body. Key order follows the documented examples so a
 * snapshot of a real response and of the emulator's read the same.
 */
export function driveErrorBody(
  code: number,
  message: string,
  item: Partial<DriveErrorItem> & Pick<DriveErrorItem, "reason">,
): DriveErrorBody {
  const entry: DriveErrorItem = {
    domain: item.domain ?? "global",
    reason: item.reason,
    message: item.message ?? message,
  };
  if (item.locationType !== undefined) entry.locationType = item.locationType;
  if (item.location !== undefined) entry.location = item.location;
  return { error: { code, message, errors: [entry] } };
}

const REALM = 'Bearer realm="https://accounts.google.com/"';

/**
 * 401 `authError`: no, unknown, expired or revoked access token.
 *
 * @param presented - Whether a token was sent at all; a bad one adds `error="invalid_token"`
 *   to `WWW-Authenticate` as Google does.
 */
export function sendInvalidCredentials(response: ServerResponse, presented: boolean): void {
  const body = driveErrorBody(401, "Invalid Credentials", {
    reason: "authError",
    locationType: "header",
    location: "Authorization",
  });
  const challenge = presented ? `${REALM}, error="invalid_token"` : REALM;
  sendJson(response, 401, body, { "WWW-Authenticate": challenge });
}

/** 403 `insufficientPermissions`: the token is valid but lacks the scope the call needs. */
export function sendInsufficientScopes(response: ServerResponse, neededScope: string): void {
  const message = "Request had insufficient authentication scopes.";
  const body = driveErrorBody(403, message, {
    reason: "insufficientPermissions",
    message: `Insufficient Permission: ${message}`,
  });
  sendJson(response, 403, body, {
    "WWW-Authenticate": `${REALM}, error="insufficient_scope", scope="${neededScope}"`,
  });
}

/** 404 `notFound` for a file id the drive does not have. */
export function sendFileNotFound(response: ServerResponse, fileId: string): void {
  const message = `File not found: ${fileId}.`;
  sendJson(
    response,
    404,
    driveErrorBody(404, message, {
      reason: "notFound",
      locationType: "parameter",
      location: "fileId",
    }),
  );
}

/** 400 `invalid` for a query parameter with a bad value (`q`, `pageSize`, `pageToken`, ...). */
export function sendInvalidParameter(
  response: ServerResponse,
  location: string,
  message = "Invalid Value",
): void {
  sendJson(
    response,
    400,
    driveErrorBody(400, message, { reason: "invalid", locationType: "parameter", location }),
  );
}

/** 400 `required` for a missing query parameter. */
export function sendRequiredParameter(response: ServerResponse, name: string): void {
  const message = `Required parameter: ${name}`;
  sendJson(
    response,
    400,
    driveErrorBody(400, message, { reason: "required", locationType: "parameter", location: name }),
  );
}

/** 400 `invalidParameter` for a `fields` selection that names unknown fields or does not parse. */
export function sendInvalidFieldSelection(response: ServerResponse, message: string): void {
  sendJson(
    response,
    400,
    driveErrorBody(400, message, {
      reason: "invalidParameter",
      locationType: "parameter",
      location: "fields",
    }),
  );
}

/** 403 `fileNotDownloadable`: `alt=media` on something without binary content (a folder). */
export function sendFileNotDownloadable(response: ServerResponse): void {
  const message =
    "Only files with binary content can be downloaded. Use Export with Docs Editors files.";
  sendJson(
    response,
    403,
    driveErrorBody(403, message, {
      reason: "fileNotDownloadable",
      locationType: "parameter",
      location: "alt",
    }),
  );
}
