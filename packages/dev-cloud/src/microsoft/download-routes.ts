import { sendBytesWithRange } from "../byte-range.js";
import { sendRedirect } from "../http-response.js";
import type { Router } from "../router.js";
import { DOWNLOAD_PATH } from "./download-url-signer.js";
import { sendItemNotFound } from "./drive-item-routes.js";
import { authenticateGraphRequest } from "./graph-auth.js";
import { sendGraphError } from "./graph-error.js";
import { GRAPH_BASE_PATH, type MicrosoftServices } from "./microsoft-services.js";

/**
 * `GET /me/drive/items/:itemId/content` (302 to a pre-authenticated URL)
 * and that URL, `GET /graph-download/:token`, which needs no Authorization,
 * honours `Range`, and:
 * - answers `401 unauthenticated` once the URL has expired (an hour of server clock);
 * - answers `404 itemNotFound` once the file's content changed, or it was
 *   trashed or deleted, since the URL was minted: a URL names one version,
 *   so a ranged reader never splices two versions together.
 */
export function registerDownloadRoutes(router: Router, services: MicrosoftServices): void {
  const { context, tokens, items, downloads } = services;

  router.get(`${GRAPH_BASE_PATH}/me/drive/items/:itemId/content`, (request, response, route) => {
    if (authenticateGraphRequest(request, response, context, tokens, "files") === undefined) return;
    const item = items.liveItem(items.resolveId(route.params.itemId ?? ""));
    if (!items.isLiveFile(item)) {
      sendItemNotFound(services, request, response);
      return;
    }
    // A Range sent here is ignored: it belongs on the download URL (OneDrive docs).
    sendRedirect(response, downloads.urlFor(item));
  });

  router.get(`${DOWNLOAD_PATH}/:token`, (request, response, route) => {
    const check = downloads.verify(route.params.token ?? "");
    if (check.kind !== "valid") {
      sendGraphError(
        request,
        response,
        context,
        401,
        "unauthenticated",
        check.kind === "expired"
          ? "The download URL has expired. Request the item again for a fresh @microsoft.graph.downloadUrl."
          : "The download URL is not valid.",
      );
      return;
    }
    const item = context.library.get(check.itemId);
    if (!items.isLiveFile(item) || item.version !== check.version) {
      sendItemNotFound(services, request, response);
      return;
    }
    sendBytesWithRange(request, response, context.library.bytes(item), item.mimeType, {
      ETag: `"${item.id}.${item.version}"`,
      "Cache-Control": "private, max-age=0",
    });
  });
}
