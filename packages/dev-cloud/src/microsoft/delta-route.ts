import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../http-response.js";
import type { CloudItem } from "../library/library-types.js";
import type { RouteContext, Router } from "../router.js";
import {
  DELTA_TOKEN_RETENTION_MS,
  type DeltaCursor,
  decodeDeltaCursor,
  encodeDeltaCursor,
} from "./delta-cursor.js";
import { queryProblemSender } from "./drive-item-routes.js";
import { authenticateGraphRequest } from "./graph-auth.js";
import { sendGraphError } from "./graph-error.js";
import { GRAPH_BASE_PATH, graphUrl, type MicrosoftServices } from "./microsoft-services.js";
import {
  continuationLink,
  parseSelect,
  parseTop,
  queryOption,
  selectProperties,
} from "./odata-query.js";

/** Items per delta page unless `$top` says otherwise. */
export const DEFAULT_DELTA_PAGE_SIZE = 200;

const DELTA_PATH = "/me/drive/root/delta";

/**
 * `GET /me/drive/root/delta`: a full enumeration without a token, the
 * changes since a token otherwise, `token=latest` for a cursor at "now", and
 * `410 resyncRequired` for a token the server no longer honours.
 */
export function registerDeltaRoute(router: Router, services: MicrosoftServices): void {
  router.get(`${GRAPH_BASE_PATH}${DELTA_PATH}`, (request, response, route) => {
    answerDelta(services, request, response, route);
  });
}

/** One page of delta: entries plus the cursor for the next page, or the final deltaLink cursor. */
interface DeltaPage {
  value: Record<string, unknown>[];
  next: DeltaCursor;
  done: boolean;
}

function answerDelta(
  services: MicrosoftServices,
  request: IncomingMessage,
  response: ServerResponse,
  route: RouteContext,
): void {
  const { context, tokens } = services;
  if (authenticateGraphRequest(request, response, context, tokens, "files") === undefined) return;
  const top = parseTop(queryOption(route.url, "top"), DEFAULT_DELTA_PAGE_SIZE);
  const select = parseSelect(queryOption(route.url, "select"));
  const rejected = queryProblemSender(services, request, response);
  if (rejected(top) || rejected(select)) return;

  const library = context.library;
  const now = context.clock.now();
  const token = route.url.searchParams.get("token");
  let page: DeltaPage;
  if (token === null) {
    page = enumerate(services, library.changeSeq, 0, undefined, top);
  } else if (token === "latest") {
    page = {
      value: [],
      next: {
        kind: "changes",
        root: library.rootId,
        seq: library.changeSeq,
        until: undefined,
        issuedAt: now,
      },
      done: true,
    };
  } else {
    const cursor = decodeDeltaCursor(token);
    if (cursor === undefined || !isHonoured(services, cursor)) {
      sendResync(services, request, response);
      return;
    }
    page =
      cursor.kind === "enumerate"
        ? enumerate(services, cursor.seq, cursor.offset, cursor.after, top)
        : changes(services, cursor.seq, cursor.until ?? library.changeSeq, top);
  }

  const link = continuationLink(
    graphUrl(services, DELTA_PATH),
    route.url,
    "token",
    encodeDeltaCursor(page.next),
  );
  sendJson(response, 200, {
    "@odata.context": graphUrl(services, "/$metadata#Collection(driveItem)"),
    value: page.value.map((entry) =>
      "deleted" in entry ? entry : selectProperties(entry, select),
    ),
    [page.done ? "@odata.deltaLink" : "@odata.nextLink"]: link,
  });
}

/**
 * A token is honoured when it was minted for this library, is not ahead of
 * its change log (a token from another server run) and is younger than
 * {@link DELTA_TOKEN_RETENTION_MS}.
 */
function isHonoured(services: MicrosoftServices, cursor: DeltaCursor): boolean {
  const { library, clock } = services.context;
  return (
    cursor.root === library.rootId &&
    cursor.seq <= library.changeSeq &&
    clock.now() - cursor.issuedAt <= DELTA_TOKEN_RETENTION_MS
  );
}

/**
 * A page of the full enumeration: the root, then every visible item in
 * library order (parents before children). It resumes after the last id
 * sent; if that item has since vanished, it backs up by the number of
 * changes since the start, so nothing is skipped (repeats are allowed:
 * clients keep the last occurrence).
 */
function enumerate(
  services: MicrosoftServices,
  seq: number,
  offset: number,
  after: string | undefined,
  top: number,
): DeltaPage {
  const { library, clock } = services.context;
  const visible: CloudItem[] = [];
  const root = library.get(library.rootId);
  if (root !== undefined) visible.push(root);
  for (const item of library.all()) if (services.items.isLive(item)) visible.push(item);

  let start = 0;
  if (after !== undefined) {
    const index = visible.findIndex((item) => item.id === after);
    start = index >= 0 ? index + 1 : Math.max(0, offset - library.changesSince(seq).length);
  }
  const slice = visible.slice(start, start + top);
  const done = start + top >= visible.length;
  const last = slice.at(-1);
  return {
    value: slice.map((item) => services.items.toDriveItem(item, { includePath: false })),
    next:
      done || last === undefined
        ? { kind: "changes", root: library.rootId, seq, until: undefined, issuedAt: clock.now() }
        : {
            kind: "enumerate",
            root: library.rootId,
            seq,
            after: last.id,
            offset: start + slice.length,
            issuedAt: clock.now(),
          },
    done,
  };
}

/**
 * A page of changes in `(seq, until]`, one entry per item (its last change),
 * ordered by change. Paging resumes after the last change sent; an item that
 * changes again past `until` is left to the next round.
 */
function changes(services: MicrosoftServices, seq: number, until: number, top: number): DeltaPage {
  const { library, clock } = services.context;
  const records = library.changesSince(seq).filter((record) => record.seq <= until);
  const slice = records.slice(0, top);
  const done = records.length <= top;
  const value = slice.map((record) => {
    const item = library.get(record.itemId);
    if (record.removed || item === undefined || !services.items.isLive(item)) {
      return services.items.toDeletedItem(record.itemId, item);
    }
    return services.items.toDriveItem(item, { includePath: false });
  });
  const resumeAt = done ? until : (slice.at(-1)?.seq ?? until);
  return {
    value,
    next: {
      kind: "changes",
      root: library.rootId,
      seq: resumeAt,
      until: done ? undefined : until,
      issuedAt: clock.now(),
    },
    done,
  };
}

/** `410 Gone`, `resyncRequired`, with a `Location` that starts a fresh enumeration. */
function sendResync(
  services: MicrosoftServices,
  request: IncomingMessage,
  response: ServerResponse,
): void {
  sendGraphError(
    request,
    response,
    services.context,
    410,
    "resyncRequired",
    "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about.",
    {
      innerCode: "resyncChangesApplyDifferences",
      headers: { Location: graphUrl(services, DELTA_PATH) },
    },
  );
}
