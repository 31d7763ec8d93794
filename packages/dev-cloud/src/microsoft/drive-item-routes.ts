import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http-response.js";
import type { CloudItem } from "../library/library-types.js";
import type { RouteContext, Router } from "../router.js";
import { authenticateGraphRequest } from "./graph-auth.js";
import { sendGraphError } from "./graph-error.js";
import { GRAPH_BASE_PATH, graphUrl, type MicrosoftServices } from "./microsoft-services.js";
import {
  continuationLink,
  type ItemOrder,
  isQueryProblem,
  parseOrderBy,
  parseSelect,
  parseTop,
  type QueryProblem,
  queryOption,
  selectProperties,
} from "./odata-query.js";
import { decodeOpaqueToken, encodeOpaqueToken, isCount, isRecord } from "./opaque-token.js";

/** Graph's default page size for children. */
export const DEFAULT_CHILDREN_PAGE_SIZE = 200;

/**
 * Item metadata: `root`, `items/:itemId`, and the children of either, with
 * `$top`, `$select`, `$orderby` and `$skipToken` paging.
 */
export function registerDriveItemRoutes(router: Router, services: MicrosoftServices): void {
  const drive = `${GRAPH_BASE_PATH}/me/drive`;
  router.get(`${drive}/root`, (request, response, route) =>
    getItem(services, request, response, route, "root"),
  );
  router.get(`${drive}/items/:itemId`, (request, response, route) =>
    getItem(services, request, response, route, route.params.itemId ?? ""),
  );
  router.get(`${drive}/root/children`, (request, response, route) =>
    listChildren(services, request, response, route, "root"),
  );
  router.get(`${drive}/items/:itemId/children`, (request, response, route) =>
    listChildren(services, request, response, route, route.params.itemId ?? ""),
  );
}

function getItem(
  services: MicrosoftServices,
  request: IncomingMessage,
  response: ServerResponse,
  route: RouteContext,
  idOrAlias: string,
): void {
  const { context, tokens, items } = services;
  if (authenticateGraphRequest(request, response, context, tokens, "files") === undefined) return;
  const select = parseSelect(queryOption(route.url, "select"));
  if (queryProblemSender(services, request, response)(select)) return;
  const item = items.liveItem(items.resolveId(idOrAlias));
  if (item === undefined) {
    sendItemNotFound(services, request, response);
    return;
  }
  sendJson(response, 200, {
    "@odata.context": graphUrl(services, "/$metadata#drives('me')/items/$entity"),
    ...selectProperties(items.toDriveItem(item, { includePath: true }), select),
  });
}

function listChildren(
  services: MicrosoftServices,
  request: IncomingMessage,
  response: ServerResponse,
  route: RouteContext,
  idOrAlias: string,
): void {
  const { context, tokens, items } = services;
  if (authenticateGraphRequest(request, response, context, tokens, "files") === undefined) return;
  const top = parseTop(queryOption(route.url, "top"), DEFAULT_CHILDREN_PAGE_SIZE);
  const select = parseSelect(queryOption(route.url, "select"));
  const order = parseOrderBy(queryOption(route.url, "orderby"));
  const rejected = queryProblemSender(services, request, response);
  if (rejected(top) || rejected(select) || rejected(order)) return;
  const folder = items.liveItem(items.resolveId(idOrAlias));
  if (folder === undefined) {
    sendItemNotFound(services, request, response);
    return;
  }
  const skipToken = queryOption(route.url, "skiptoken");
  const offset = skipToken === undefined ? 0 : readSkipToken(skipToken, folder.id);
  if (offset === undefined) {
    sendGraphError(request, response, context, 400, "invalidRequest", "Invalid skip token.");
    return;
  }
  // A file has no children: an empty collection, not an error.
  const children = folder.kind === "folder" ? items.liveChildren(folder.id) : [];
  const sorted = sortItems(services, children, order);
  const page = sorted.slice(offset, offset + top);
  const body: Record<string, unknown> = {
    "@odata.context": graphUrl(services, `/$metadata#drives('me')/items('${folder.id}')/children`),
    value: page.map((child) =>
      selectProperties(items.toDriveItem(child, { includePath: true }), select),
    ),
  };
  if (offset + top < sorted.length) {
    body["@odata.nextLink"] = continuationLink(
      `${context.origin()}${route.url.pathname}`,
      route.url,
      "$skiptoken",
      encodeOpaqueToken({ f: folder.id, o: offset + top }),
    );
  }
  sendJson(response, 200, body);
}

/** The offset a `$skiptoken` carries, if it was minted for this folder. */
function readSkipToken(token: string, folderId: string): number | undefined {
  const fields = decodeOpaqueToken(token);
  if (!isRecord(fields) || fields.f !== folderId || !isCount(fields.o)) return undefined;
  return fields.o;
}

function sortItems(
  services: MicrosoftServices,
  children: CloudItem[],
  order: ItemOrder | undefined,
): CloudItem[] {
  if (order === undefined) return children;
  const key = (item: CloudItem): string | number => {
    if (order.field === "size") return services.items.sizeOf(item);
    if (order.field === "lastModifiedDateTime") return item.modifiedTime;
    return item.name.toLowerCase();
  };
  const direction = order.descending ? -1 : 1;
  return [...children].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    // Ties fall back to the id so that pages never reorder between requests.
    if (ka === kb) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
    return ka < kb ? -direction : direction;
  });
}

/**
 * A guard that answers 400 `invalidRequest` for a query option that cannot
 * be honoured. Chain calls with `||` so that only the first problem is sent.
 */
export function queryProblemSender(
  services: MicrosoftServices,
  request: IncomingMessage,
  response: ServerResponse,
): (parsed: unknown) => parsed is QueryProblem {
  return (parsed: unknown): parsed is QueryProblem => {
    if (!isQueryProblem(parsed)) return false;
    sendGraphError(request, response, services.context, 400, "invalidRequest", parsed.problem);
    return true;
  };
}

/**
 * Graph's 404 for an id it cannot see (unknown, trashed, or deleted).
 *
 * @param services - For the clock and ids of the error body.
 */
export function sendItemNotFound(
  services: MicrosoftServices,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  sendGraphError(request, response, services.context, 404, "itemNotFound", "Item not found");
}
