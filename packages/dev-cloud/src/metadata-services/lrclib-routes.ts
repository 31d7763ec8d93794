import type { ServerResponse } from "node:http";
import { sendJson } from "../http-response.js";
import type { Router } from "../router.js";
import type { LrclibCatalog, LrclibSearch } from "./lrclib-catalog.js";

/**
 * Registers the LRCLIB emulation under `/lrclib/api/`: `get`, `get-cached`
 * (the same here: nothing is fetched from elsewhere), `get/:id` and `search`.
 *
 * @param router - The server's router.
 * @param catalog - The lyrics records.
 */
export function registerLrclibRoutes(router: Router, catalog: LrclibCatalog): void {
  const getBySignature = (url: URL, response: ServerResponse) => {
    const trackName = param(url, "track_name");
    const artistName = param(url, "artist_name");
    if (trackName === undefined) return sendValidationError(response, "track_name is required");
    if (artistName === undefined) return sendValidationError(response, "artist_name is required");
    const albumName = param(url, "album_name");
    const durationText = param(url, "duration");
    let durationSeconds: number | undefined;
    if (durationText !== undefined) {
      durationSeconds = Number(durationText);
      if (!Number.isFinite(durationSeconds) || durationSeconds < 1 || durationSeconds > 3600) {
        return sendValidationError(response, "duration must be a number from 1 to 3600");
      }
    }
    const record = catalog.find({
      trackName,
      artistName,
      ...(albumName === undefined ? {} : { albumName }),
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
    });
    if (record === undefined) return sendTrackNotFound(response);
    sendJson(response, 200, record);
  };

  router
    .get("/lrclib/api/get", (_request, response, { url }) => getBySignature(url, response))
    .get("/lrclib/api/get-cached", (_request, response, { url }) => getBySignature(url, response))
    .get("/lrclib/api/get/:id", (_request, response, { params }) => {
      const idText = params.id ?? "";
      if (!/^\d{1,15}$/.test(idText)) {
        return sendValidationError(response, "id must be a positive integer");
      }
      const record = catalog.byId(Number(idText));
      if (record === undefined) return sendTrackNotFound(response);
      sendJson(response, 200, record);
    })
    .get("/lrclib/api/search", (_request, response, { url }) => {
      const search: LrclibSearch = {};
      const fields = [
        ["q", "q"],
        ["track_name", "trackName"],
        ["artist_name", "artistName"],
        ["album_name", "albumName"],
      ] as const;
      for (const [name, key] of fields) {
        const value = param(url, name);
        if (value !== undefined) search[key] = value;
      }
      if (search.q === undefined && search.trackName === undefined) {
        return sendValidationError(response, "q or track_name is required");
      }
      sendJson(response, 200, catalog.search(search));
    });
}

/** A non-blank query parameter. */
function param(url: URL, name: string): string | undefined {
  const value = url.searchParams.get(name);
  return value === null || value.trim() === "" ? undefined : value;
}

function sendTrackNotFound(response: ServerResponse): void {
  sendJson(response, 404, {
    code: 404,
    name: "TrackNotFound",
    message: "Failed to find specified track",
  });
}

function sendValidationError(response: ServerResponse, message: string): void {
  sendJson(response, 400, { code: 400, name: "ValidationError", message });
}
