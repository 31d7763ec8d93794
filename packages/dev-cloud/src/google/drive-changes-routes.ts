import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import type { RouteHandler } from "../router.js";
import { authorizeDrive } from "./bearer-auth.js";
import { sendInvalidParameter, sendRequiredParameter } from "./drive-errors.js";
import { applyFieldMask, type FieldSchema, selectsField, subFieldMask } from "./drive-fields.js";
import { DEFAULT_FILE_FIELDS, DRIVE_FILE_SCHEMA, toDriveFile } from "./drive-file-resource.js";
import { readFieldMask, readPageSize } from "./drive-request-options.js";
import type { GoogleAuthState } from "./google-auth-state.js";

const START_PAGE_TOKEN_SCHEMA: FieldSchema = { kind: null, startPageToken: null };
const CHANGE_LIST_SCHEMA: FieldSchema = {
  kind: null,
  nextPageToken: null,
  newStartPageToken: null,
  changes: {
    kind: null,
    changeType: null,
    time: null,
    removed: null,
    fileId: null,
    file: DRIVE_FILE_SCHEMA,
  },
};
const DEFAULT_CHANGE_LIST_FIELDS = `kind,nextPageToken,newStartPageToken,changes(kind,changeType,time,removed,fileId,file(${DEFAULT_FILE_FIELDS}))`;

/**
 * Change tokens are the library's change `seq` plus one, as decimal strings:
 * "the next change to report". Drive's are opaque numbers too and never expire.
 */
function startToken(changeSeq: number): string {
  return String(changeSeq + 1);
}

/** `GET /google/drive/v3/changes/startPageToken` (`changes.getStartPageToken`). */
export function createStartPageTokenHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return (request, response, { url }) => {
    if (authorizeDrive(request, response, state, "metadata") === undefined) return;
    const mask = readFieldMask(url.searchParams, START_PAGE_TOKEN_SCHEMA, "*", response);
    if (mask === undefined) return;
    const body = {
      kind: "drive#startPageToken",
      startPageToken: startToken(context.library.changeSeq),
    };
    sendJson(response, 200, applyFieldMask(body, mask));
  };
}

/**
 * `GET /google/drive/v3/changes` (`changes.list`): the last change of each
 * item since the token, oldest first. `nextPageToken` while more remain,
 * `newStartPageToken` on the last page. A trashed file is a change with
 * `removed: false` and the file (`trashed: true`); only deletion is `removed`.
 */
export function createChangesListHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return (request, response, { url }) => {
    if (authorizeDrive(request, response, state, "metadata") === undefined) return;
    const params = url.searchParams;
    const library = context.library;
    const tokenText = params.get("pageToken");
    if (tokenText === null || tokenText === "") {
      sendRequiredParameter(response, "pageToken");
      return;
    }
    const token = /^\d{1,15}$/.test(tokenText) ? Number(tokenText) : Number.NaN;
    // A token past the next change cannot come from this drive (e.g. an old run's).
    if (!Number.isSafeInteger(token) || token < 1 || token > library.changeSeq + 1) {
      sendInvalidParameter(response, "pageToken");
      return;
    }
    const pageSize = readPageSize(params, response);
    if (pageSize === undefined) return;
    const mask = readFieldMask(params, CHANGE_LIST_SCHEMA, DEFAULT_CHANGE_LIST_FIELDS, response);
    if (mask === undefined) return;
    const includeRemoved = params.get("includeRemoved") !== "false";

    const records = library
      .changesSince(token - 1)
      .filter((record) => includeRemoved || !isRemoved(record.itemId, record.removed));
    const page = records.slice(0, pageSize);
    const fileMask = subFieldMask(subFieldMask(mask, "changes") ?? new Map(), "file");
    const changes = page.map((record) => {
      const item = record.removed ? undefined : library.get(record.itemId);
      const change: Record<string, unknown> = {
        kind: "drive#change",
        changeType: "file",
        time: new Date(record.time).toISOString(),
        removed: item === undefined,
        fileId: record.itemId,
      };
      if (item !== undefined && fileMask !== undefined) {
        change.file = toDriveFile(item, library, (field) => selectsField(fileMask, field));
      }
      return change;
    });
    const body: Record<string, unknown> = { kind: "drive#changeList" };
    const last = page[page.length - 1];
    if (records.length > page.length && last !== undefined) {
      body.nextPageToken = String(last.seq + 1);
    } else {
      body.newStartPageToken = startToken(library.changeSeq);
    }
    body.changes = changes;
    sendJson(response, 200, applyFieldMask(body, mask));
  };

  function isRemoved(itemId: string, removed: boolean): boolean {
    return removed || context.library.get(itemId) === undefined;
  }
}
