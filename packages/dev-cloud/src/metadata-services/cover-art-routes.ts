import { createHash } from "node:crypto";
import type { ServerResponse } from "node:http";
import { coverArtKeyForTrack, renderCoverArt } from "../audio/index.js";
import type { DevCloudContext } from "../context.js";
import { sendError, sendJson } from "../http-response.js";
import type { TrackFacts } from "../library/library-types.js";
import type { Router } from "../router.js";
import { MBID } from "./musicbrainz-ids.js";

/** The sizes the Cover Art Archive serves; the largest stands in for the original. */
export const COVER_ART_SIZES = [250, 500, 1200] as const;
type CoverArtSize = (typeof COVER_ART_SIZES)[number];
const ORIGINAL_SIZE: CoverArtSize = 1200;

/** A release that has front art. */
interface CoverRelease {
  releaseId: string;
  /** What the cover is rendered from, the same key as the covers embedded in the files. */
  key: string;
  /** The archive's numeric image id, as a string. */
  imageId: string;
}

/**
 * Registers the Cover Art Archive emulation: `/coverartarchive/release/:mbid`
 * (the image list), `/coverartarchive/release/:mbid/:image` (`front`,
 * `front-250|500|1200`, `{imageId}` and `{imageId}-{size}`: `307` to the image)
 * and `/coverartarchive/images/:mbid-:size.png` (the PNG, the same design as
 * the cover embedded in the release's files). Releases are the library's albums;
 * one has art when any of its tracks `hasCover`.
 *
 * @param router - The server's router; it answers other methods with 405.
 * @param context - Its library gives the releases, its origin the image URLs.
 */
export function registerCoverArtRoutes(router: Router, context: DevCloudContext): void {
  let releases: Map<string, { hasCover: boolean; cover: CoverRelease }> | undefined;
  const releaseFor = (releaseId: string) => {
    releases ??= indexReleases(context.library.tracks());
    return releases.get(releaseId);
  };
  const pngs = new Map<string, Uint8Array>();
  const imageUrl = (release: CoverRelease, size: CoverArtSize): string =>
    `${context.origin()}/coverartarchive/images/${release.releaseId}-${size}.png`;

  /** Resolves `:mbid` to a release with art, or answers 400/404 itself. */
  const findRelease = (response: ServerResponse, mbidParam: string): CoverRelease | undefined => {
    const releaseId = mbidParam.toLowerCase();
    if (!MBID.test(releaseId)) {
      sendError(response, 400, "invalid_mbid", `${mbidParam} is not a valid UUID.`);
      return undefined;
    }
    const found = releaseFor(releaseId);
    if (found === undefined || !found.hasCover) {
      sendError(response, 404, "not_found", `No cover art found for release ${releaseId}.`);
      return undefined;
    }
    return found.cover;
  };

  router
    .get("/coverartarchive/release/:mbid", (_request, response, { params }) => {
      const release = findRelease(response, params.mbid ?? "");
      if (release === undefined) return;
      const [small, large, huge] = COVER_ART_SIZES.map((size) => imageUrl(release, size));
      sendJson(response, 200, {
        images: [
          {
            types: ["Front"],
            front: true,
            back: false,
            edit: Number(release.imageId.slice(0, 8)),
            image: imageUrl(release, ORIGINAL_SIZE),
            comment: "",
            approved: true,
            id: release.imageId,
            thumbnails: { 250: small, 500: large, 1200: huge, small, large },
          },
        ],
        release: `https://musicbrainz.org/release/${release.releaseId}`,
      });
    })
    .get("/coverartarchive/release/:mbid/:image", (_request, response, { params }) => {
      const release = findRelease(response, params.mbid ?? "");
      if (release === undefined) return;
      const size = sizeForImage(params.image ?? "", release.imageId);
      if (size === undefined) {
        sendError(response, 404, "not_found", `No image ${params.image ?? ""} for this release.`);
        return;
      }
      response.writeHead(307, { Location: imageUrl(release, size), "Content-Length": "0" });
      response.end();
    })
    .get("/coverartarchive/images/:file", (_request, response, { params }) => {
      const match = /^(.+)-(\d+)\.png$/.exec(params.file ?? "");
      const size = COVER_ART_SIZES.find((candidate) => String(candidate) === match?.[2]);
      const found = match?.[1] === undefined ? undefined : releaseFor(match[1]);
      if (size === undefined || found === undefined || !found.hasCover) {
        sendError(response, 404, "not_found", `No image ${params.file ?? ""}.`);
        return;
      }
      const cacheKey = `${found.cover.key}\u0000${size}`;
      let png = pngs.get(cacheKey);
      if (png === undefined) {
        png = renderCoverArt(found.cover.key, size);
        pngs.set(cacheKey, png);
      }
      response.writeHead(200, {
        "Content-Type": "image/png",
        "Content-Length": String(png.byteLength),
        "Cache-Control": "public, max-age=86400",
      });
      response.end(png);
    });
}

/** `front` → the original, `front-500` or `{imageId}-500` → 500, …; `back` and unknown ids → none. */
function sizeForImage(image: string, imageId: string): CoverArtSize | undefined {
  const match = /^([^-]+)(?:-(\d+))?$/.exec(image);
  if (match === null || (match[1] !== "front" && match[1] !== imageId)) return undefined;
  if (match[2] === undefined) return ORIGINAL_SIZE;
  return COVER_ART_SIZES.find((size) => String(size) === match[2]);
}

function indexReleases(
  tracks: readonly TrackFacts[],
): Map<string, { hasCover: boolean; cover: CoverRelease }> {
  const releases = new Map<string, { hasCover: boolean; cover: CoverRelease }>();
  for (const track of tracks) {
    const releaseId = track.musicBrainz.releaseId;
    const known = releases.get(releaseId);
    if (known !== undefined) {
      known.hasCover ||= track.hasCover;
      continue;
    }
    releases.set(releaseId, {
      hasCover: track.hasCover,
      cover: { releaseId, key: coverArtKeyForTrack(track), imageId: imageIdFor(releaseId) },
    });
  }
  return releases;
}

/** A stable 11- or 12-digit image id, the size of the archive's real ones. */
function imageIdFor(releaseId: string): string {
  const hex = createHash("sha1").update(`cover-art:${releaseId}`).digest("hex").slice(0, 10);
  return String(10_000_000_000 + (Number.parseInt(hex, 16) % 90_000_000_000));
}
