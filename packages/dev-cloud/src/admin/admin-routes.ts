import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { FaultConfigError, type FaultInjector } from "../faults/index.js";
import { sendJson } from "../http-response.js";
import { LibraryError } from "../library/index.js";
import type { RequestLog } from "../request-log/index.js";
import type { RouteContext, Router } from "../router.js";
import {
  AdminInputError,
  base64Field,
  integerParam,
  readJsonObject,
  rejectUnknownFields,
  stringField,
} from "./admin-input.js";
import type { AdminClockBody, AdminErrorBody, AdminRequestsBody } from "./admin-types.js";
import { summarizeItem, summarizeLibrary } from "./library-summary.js";

/** What the admin routes act on. */
export interface AdminRouteDependencies {
  context: DevCloudContext;
  faults: FaultInjector;
  requestLog: RequestLog;
}

type AdminHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  route: RouteContext,
) => void | Promise<void>;

/**
 * Registers the admin API under `/__admin/` (docs/routes.md): the library
 * summary, file changes through the library store, the request log, fault
 * rules and the clock. Invalid input is answered 400 with the field named,
 * an unknown file id 404.
 *
 * @param router - The server's router.
 * @param dependencies - The context, fault injector and request log to act on.
 */
export function registerAdminRoutes(router: Router, dependencies: AdminRouteDependencies): void {
  const { context, faults, requestLog } = dependencies;
  const { library, clock } = context;

  router
    .get(
      "/__admin/library",
      admin((_request, response) => {
        sendJson(response, 200, summarizeLibrary(library, clock.now()));
      }),
    )
    .post(
      "/__admin/files",
      admin(async (request, response) => {
        const body = await readJsonObject(request);
        rejectUnknownFields(body, ["name", "parentId", "mimeType", "base64"]);
        const name = stringField(body, "name", true);
        const parentId = stringField(body, "parentId", true);
        const mimeType = stringField(body, "mimeType");
        const bytes = base64Field(body, "base64", true) ?? new Uint8Array(0);
        requireFolder(context, parentId);
        const file = library.addFile({
          name,
          parentId,
          bytes,
          ...(mimeType === undefined ? {} : { mimeType }),
        });
        sendJson(response, 201, summarizeItem(library, file));
      }),
    )
    .on(
      "PATCH",
      "/__admin/files/:id",
      admin(async (request, response, { params }) => {
        const id = params.id ?? "";
        const body = await readJsonObject(request);
        rejectUnknownFields(body, ["name", "parentId", "base64", "trashed"]);
        const name = stringField(body, "name");
        const parentId = stringField(body, "parentId");
        const bytes = base64Field(body, "base64", false);
        const trashed = body.trashed;
        if (trashed !== undefined && typeof trashed !== "boolean") {
          throw new AdminInputError("trashed", "trashed must be true or false.");
        }
        const item = library.get(id);
        if (item === undefined) return sendNotFound(response, id);
        if (item.parentId === null)
          throw new AdminInputError("id", "The root folder cannot change.");
        if (parentId !== undefined) requireFolder(context, parentId);
        if (bytes !== undefined && item.kind !== "file") {
          throw new AdminInputError("base64", "Only a file has content to replace.");
        }
        // The changes most likely to be refused go first, so a refusal leaves little applied.
        if (name !== undefined) library.rename(id, name);
        if (parentId !== undefined) library.move(id, parentId);
        if (bytes !== undefined) library.modify(id, bytes);
        if (trashed !== undefined) library.setTrashed(id, trashed);
        sendJson(response, 200, summarizeItem(library, library.get(id) ?? item));
      }),
    )
    .on(
      "DELETE",
      "/__admin/files/:id",
      admin((_request, response, { params }) => {
        const id = params.id ?? "";
        const item = library.get(id);
        if (item === undefined) return sendNotFound(response, id);
        if (item.parentId === null) throw new AdminInputError("id", "The root folder cannot go.");
        library.remove(id);
        sendNoContent(response);
      }),
    )
    .get(
      "/__admin/requests",
      admin((_request, response, { url }) => {
        const since = integerParam(url, "since", 0);
        const path = url.searchParams.get("path") ?? undefined;
        const body: AdminRequestsBody = {
          lastId: requestLog.lastId,
          requests: requestLog.entries(path === undefined ? { since } : { since, path }),
        };
        sendJson(response, 200, body);
      }),
    )
    .on(
      "DELETE",
      "/__admin/requests",
      admin((_request, response) => {
        requestLog.clear();
        sendNoContent(response);
      }),
    )
    .get(
      "/__admin/faults",
      admin((_request, response) => sendJson(response, 200, faults.config())),
    )
    .on(
      "PUT",
      "/__admin/faults",
      admin(async (request, response) => {
        sendJson(response, 200, faults.setConfig(await readJsonObject(request)));
      }),
    )
    .on(
      "DELETE",
      "/__admin/faults",
      admin((_request, response) => {
        faults.clear();
        sendNoContent(response);
      }),
    )
    .get(
      "/__admin/clock",
      admin((_request, response) => sendClock(response, clock.now())),
    )
    .post(
      "/__admin/clock",
      admin(async (request, response) => {
        const body = await readJsonObject(request);
        rejectUnknownFields(body, ["advanceMs"]);
        const { advanceMs } = body;
        if (typeof advanceMs !== "number" || !Number.isFinite(advanceMs) || advanceMs < 0) {
          throw new AdminInputError("advanceMs", "advanceMs must be a non-negative number.");
        }
        clock.advance(advanceMs);
        sendClock(response, clock.now());
      }),
    );
}

/** Turns refused input into 400 (or 404) answers instead of the router's 500. */
function admin(handler: AdminHandler): AdminHandler {
  return async (request, response, route) => {
    try {
      await handler(request, response, route);
    } catch (error) {
      if (error instanceof AdminInputError || error instanceof FaultConfigError) {
        sendAdminError(response, 400, "invalid_request", error.message, error.field);
        return;
      }
      if (LibraryError.isInstance(error)) {
        if (error.reason === "not-found") {
          sendAdminError(response, 404, "not_found", error.message);
          return;
        }
        const field = LIBRARY_ERROR_FIELDS[error.reason] ?? "id";
        sendAdminError(response, 400, "invalid_request", error.message, field);
        return;
      }
      throw error;
    }
  };
}

/** Which request field a library refusal is about. */
const LIBRARY_ERROR_FIELDS: Partial<Record<LibraryError["reason"], string>> = {
  "not-a-folder": "parentId",
  cycle: "parentId",
  "not-a-file": "base64",
  "invalid-name": "name",
  root: "id",
};

function requireFolder(context: DevCloudContext, parentId: string): void {
  const parent = context.library.get(parentId);
  if (parent === undefined) {
    throw new AdminInputError("parentId", `No folder has id ${parentId}.`);
  }
  if (parent.kind !== "folder") {
    throw new AdminInputError("parentId", `${parentId} is a file, not a folder.`);
  }
}

function sendAdminError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  field?: string,
): void {
  const body: AdminErrorBody = { error: { code, message } };
  if (field !== undefined) body.error.field = field;
  sendJson(response, status, body);
}

function sendNotFound(response: ServerResponse, id: string): void {
  sendAdminError(response, 404, "not_found", `No file or folder has id ${id}.`);
}

function sendNoContent(response: ServerResponse): void {
  response.writeHead(204, { "Cache-Control": "no-store" });
  response.end();
}

function sendClock(response: ServerResponse, now: number): void {
  const body: AdminClockBody = { now };
  sendJson(response, 200, body);
}
