import { sendBytesWithRange } from "../byte-range.js";
import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import type { CloudItem } from "../library/library-types.js";
import type { RouteHandler } from "../router.js";
import { authorizeDrive } from "./bearer-auth.js";
import {
  sendFileNotDownloadable,
  sendFileNotFound,
  sendInsufficientScopes,
  sendInvalidParameter,
} from "./drive-errors.js";
import { applyFieldMask, type FieldSchema, selectsField, subFieldMask } from "./drive-fields.js";
import {
  DEFAULT_FILE_FIELDS,
  DRIVE_FILE_SCHEMA,
  FOLDER_MIME_TYPE,
  isEffectivelyTrashed,
  toDriveFile,
} from "./drive-file-resource.js";
import { parseOrderBy } from "./drive-order.js";
import { decodePageToken, encodePageToken, queryFingerprint } from "./drive-page-token.js";
import { type DriveQuery, matchesDriveQuery, parseDriveQuery } from "./drive-query.js";
import { readFieldMask, readPageSize } from "./drive-request-options.js";
import type { GoogleAuthState } from "./google-auth-state.js";
import { driveAccess, GOOGLE_SCOPES } from "./google-scopes.js";

const FILE_LIST_SCHEMA: FieldSchema = {
  kind: null,
  nextPageToken: null,
  incompleteSearch: null,
  files: DRIVE_FILE_SCHEMA,
};
const DEFAULT_LIST_FIELDS = `kind,nextPageToken,incompleteSearch,files(${DEFAULT_FILE_FIELDS})`;

/**
 * `GET /google/drive/v3/files` (`files.list`): `q`, `orderBy`, `pageSize`,
 * `pageToken`, `fields`. Trashed items are listed unless `q` excludes them;
 * the root itself is never listed. Other parameters (`spaces`, `corpora`, …)
 * are accepted and ignored: there is one drive and one space.
 */
export function createFilesListHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return (request, response, { url }) => {
    const record = authorizeDrive(request, response, state, "metadata");
    if (record === undefined) return;
    const params = url.searchParams;
    const library = context.library;

    const pageSize = readPageSize(params, response);
    if (pageSize === undefined) return;
    const qText = params.get("q") ?? "";
    let query: DriveQuery | undefined;
    if (qText.trim() !== "") {
      const parsed = parseDriveQuery(qText);
      if (!parsed.ok) {
        sendInvalidParameter(response, "q");
        return;
      }
      query = parsed.query;
    }
    const orderByText = params.get("orderBy") ?? "";
    const order = parseOrderBy(orderByText, library);
    if (!order.ok) {
      sendInvalidParameter(response, "orderBy");
      return;
    }
    const mask = readFieldMask(params, FILE_LIST_SCHEMA, DEFAULT_LIST_FIELDS, response);
    if (mask === undefined) return;
    const fingerprint = queryFingerprint([qText, orderByText]);
    const pageToken = params.get("pageToken");
    const offset =
      pageToken === null || pageToken === "" ? 0 : decodePageToken(pageToken, fingerprint);
    if (offset === undefined) {
      sendInvalidParameter(response, "pageToken");
      return;
    }

    const user = context.users.find((candidate) => candidate.id === record.grant.userId);
    const environment = { rootId: library.rootId, userEmail: user?.email ?? "" };
    const matches = library
      .all()
      .filter(
        (item) =>
          query === undefined ||
          matchesDriveQuery(
            query,
            {
              name: item.name,
              mimeType: mimeTypeOf(item),
              parentId: item.parentId,
              trashed: isEffectivelyTrashed(item, library),
              createdTime: item.createdTime,
              modifiedTime: item.modifiedTime,
            },
            environment,
          ),
      )
      .sort(order.compare);
    const page = matches.slice(offset, offset + pageSize);
    const fileMask = subFieldMask(mask, "files");
    const body: Record<string, unknown> = { kind: "drive#fileList" };
    if (offset + pageSize < matches.length) {
      body.nextPageToken = encodePageToken(offset + pageSize, fingerprint);
    }
    body.incompleteSearch = false;
    body.files =
      fileMask === undefined
        ? []
        : page.map((item) => toDriveFile(item, library, (field) => selectsField(fileMask, field)));
    sendJson(response, 200, applyFieldMask(body, mask));
  };
}

/**
 * `GET /google/drive/v3/files/:fileId` (`files.get`): metadata with
 * `fields`, or with `alt=media` the bytes (`Range` honoured, see
 * {@link sendBytesWithRange}). `root` is an alias of the root folder.
 */
export function createFilesGetHandler(
  state: GoogleAuthState,
  context: DevCloudContext,
): RouteHandler {
  return (request, response, { url, params }) => {
    const record = authorizeDrive(request, response, state, "metadata");
    if (record === undefined) return;
    const library = context.library;
    const alt = url.searchParams.get("alt") ?? "json";
    if (alt !== "json" && alt !== "media") {
      sendInvalidParameter(response, "alt");
      return;
    }
    const fileId = params.fileId ?? "";
    const item = library.get(fileId === "root" ? library.rootId : fileId);
    if (item === undefined) {
      sendFileNotFound(response, fileId);
      return;
    }
    if (alt === "media") {
      if (driveAccess(record.grant.scopes) !== "content") {
        sendInsufficientScopes(response, GOOGLE_SCOPES.driveReadonly);
        return;
      }
      if (item.kind !== "file") {
        sendFileNotDownloadable(response);
        return;
      }
      sendBytesWithRange(request, response, library.bytes(item), item.mimeType);
      return;
    }
    const mask = readFieldMask(url.searchParams, DRIVE_FILE_SCHEMA, DEFAULT_FILE_FIELDS, response);
    if (mask === undefined) return;
    const resource = toDriveFile(item, library, (field) => selectsField(mask, field));
    sendJson(response, 200, applyFieldMask(resource, mask));
  };
}

function mimeTypeOf(item: CloudItem): string {
  return item.kind === "folder" ? FOLDER_MIME_TYPE : item.mimeType;
}
