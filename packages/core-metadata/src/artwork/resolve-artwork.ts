import type { ArtworkRecord, ArtworkSource } from "@player/core-library";
import { PlayerError, toPlayerError } from "@player/core-runtime";
import {
  type ArtworkCandidate,
  type ArtworkSources,
  type CandidatePicture,
  embeddedCandidates,
  folderAndRemoteCandidates,
} from "./artwork-candidates.js";
import { type ArtworkStorage, albumArtworkId, trackArtworkId } from "./artwork-storage.js";
import { hashImage } from "./hash-image.js";
import { type ArtworkLimits, type ImageInfo, inspectImage } from "./inspect-image.js";
import { type ArtworkVariant, DEFAULT_VARIANT_SIZES, makeVariants } from "./make-variants.js";

/** Whose picture to find: a track (with its album, if it has one) or an album alone. */
export interface ArtworkRequest {
  trackKey?: string;
  albumId?: string;
  /** `false` when the tags say the file has no picture: the embedded source is not asked. */
  hasEmbeddedPicture?: boolean;
}

/** Options of {@link resolveArtwork}. */
export interface ResolveArtworkOptions {
  /** Variant edges to make. Default 96, 256, 512. */
  sizes?: readonly number[];
  /** Variant encoder quality, 0 to 1. Default 0.85. */
  quality?: number;
  limits?: Partial<ArtworkLimits>;
  /** Clock for `checkedAt`. Default `Date.now`. */
  now?: () => number;
  signal?: AbortSignal;
}

/** A source that was skipped: it threw, or its picture was not valid or too large. */
export interface ArtworkWarning {
  source: ArtworkSource;
  /** The file name, for folder images. */
  name?: string;
  error: PlayerError;
}

/** What {@link resolveArtwork} found and wrote. */
export interface ArtworkResolution {
  /** The image that now shows for the request; absent when no source had one. */
  hash?: string;
  source?: ArtworkSource;
  /** True when the image was not stored before (false when deduplicated). */
  storedNew: boolean;
  /** Ids of the links written (`album:…`, `track:…`); empty when the stored links were right. */
  linked: string[];
  warnings: ArtworkWarning[];
}

interface Winner {
  hash: string;
  source: ArtworkSource;
  storedNew: boolean;
}

/**
 * Finds a track's or album's picture and stores it once: the embedded
 * picture, then `cover` / `folder` / `front` images in the folder, then the
 * remote source. The first valid picture wins; a source that throws or gives
 * a broken or oversized picture is skipped with a warning, never failing the
 * scan. The album is linked to the winner when it has no picture yet, and the
 * track only when its own picture differs from its album's. With no picture
 * anywhere, a link without hash records the lookup; clear it to look again.
 * Once an album has a picture, only a track's embedded one is looked for.
 *
 * Resolve the tracks of one album one after another (albums may run in
 * parallel): two tracks with different embedded pictures resolved at once
 * could both take the album's link.
 *
 * @throws PlayerError `library/*` when storing fails, `runtime/invalid-argument`
 *   without a track or album, or the signal's reason when aborted.
 *
 * @example
 * ```ts
 * const result = await resolveArtwork(
 *   { trackKey, albumId, hasEmbeddedPicture: tags.hasPicture },
 *   { readEmbedded, folderImages, ...(remoteEnabled ? { readRemote } : {}) },
 *   artworkStore,
 * );
 * for (const warning of result.warnings) report(warning.error);
 * ```
 */
export async function resolveArtwork(
  request: ArtworkRequest,
  sources: ArtworkSources,
  store: ArtworkStorage,
  options: ResolveArtworkOptions = {},
): Promise<ArtworkResolution> {
  const { trackKey, albumId } = request;
  if (trackKey === undefined && albumId === undefined) {
    throw new PlayerError("runtime/invalid-argument", "Artwork is resolved for a track or album.");
  }
  const links =
    trackKey !== undefined
      ? await store.linksFor(trackKey, albumId)
      : {
          track: undefined,
          album: albumId === undefined ? undefined : await store.getLink(albumArtworkId(albumId)),
        };
  const albumHash = links.album?.hash;
  const warnings: ArtworkWarning[] = [];
  const ask = (candidates: ArtworkCandidate[]) => firstValid(candidates, store, options, warnings);

  let winner = await ask(embeddedCandidates(sources, request.hasEmbeddedPicture));
  if (winner === undefined && albumHash !== undefined) {
    // The folder and remote pictures are the album's, and it has one.
    winner = { hash: albumHash, source: links.album?.source ?? "folder", storedNew: false };
  }
  winner ??= await ask(folderAndRemoteCandidates(sources));

  const linked = await writeLinks(request, links, winner, store, (options.now ?? Date.now)());
  const resolution: ArtworkResolution = { storedNew: winner?.storedNew ?? false, linked, warnings };
  if (winner !== undefined) {
    resolution.hash = winner.hash;
    resolution.source = winner.source;
  }
  return resolution;
}

/** Asks the candidates in order; the first valid picture is stored (once) and wins. */
async function firstValid(
  candidates: readonly ArtworkCandidate[],
  store: ArtworkStorage,
  options: ResolveArtworkOptions,
  warnings: ArtworkWarning[],
): Promise<Winner | undefined> {
  const { signal } = options;
  for (const candidate of candidates) {
    signal?.throwIfAborted();
    const warn = (error: unknown) => {
      // Aborting is the caller's choice, not a broken source.
      if (signal?.aborted) throw signal.reason;
      const warning: ArtworkWarning = {
        source: candidate.source,
        error: toPlayerError(error, "metadata/unreadable"),
      };
      if (candidate.name !== undefined) warning.name = candidate.name;
      warnings.push(warning);
    };
    let picture: CandidatePicture | undefined;
    let info: ImageInfo;
    try {
      picture = await candidate.read();
      if (picture === undefined) continue;
      info = inspectImage(picture.data, picture.declaredMimeType, options.limits);
    } catch (error) {
      warn(error);
      continue;
    }
    const hash = await hashImage(picture.data);
    // Stored before: it was decoded then, and its variants are there.
    if ((await store.getImage(hash)) !== undefined) {
      return { hash, source: candidate.source, storedNew: false };
    }
    let variants: ArtworkVariant[];
    try {
      variants = await makeVariants(
        picture.data,
        info.mimeType,
        options.sizes ?? DEFAULT_VARIANT_SIZES,
        {
          ...(options.quality === undefined ? {} : { quality: options.quality }),
          ...(options.limits === undefined ? {} : { limits: options.limits }),
          ...(signal === undefined ? {} : { signal }),
        },
      );
    } catch (error) {
      warn(error);
      continue;
    }
    const { mimeType, width, height } = info;
    const storedNew = await store.putImage({ hash, mimeType, width, height, data: picture.data });
    if (variants.length > 0) await store.putVariants(hash, variants);
    return { hash, source: candidate.source, storedNew };
  }
  return undefined;
}

/**
 * The album keeps the first picture found for it; the track gets a link of
 * its own only when its picture differs (and loses a stale one that does).
 */
async function writeLinks(
  request: ArtworkRequest,
  links: { track: ArtworkRecord | undefined; album: ArtworkRecord | undefined },
  winner: Winner | undefined,
  store: ArtworkStorage,
  checkedAt: number,
): Promise<string[]> {
  const linked: string[] = [];
  const write = async (id: string, picture: Winner | undefined) => {
    await store.link(
      id,
      picture === undefined
        ? { checkedAt }
        : { hash: picture.hash, source: picture.source, checkedAt },
    );
    linked.push(id);
  };
  const { trackKey, albumId } = request;
  if (albumId === undefined) {
    // A track without album: its own link is the only one.
    if (trackKey !== undefined) await write(trackArtworkId(trackKey), winner);
    return linked;
  }
  let albumHash = links.album?.hash;
  if (albumHash === undefined) {
    await write(albumArtworkId(albumId), winner);
    albumHash = winner?.hash;
  }
  if (trackKey === undefined) return linked;
  const own = winner?.hash === albumHash ? undefined : winner;
  if (links.track?.hash !== own?.hash) await write(trackArtworkId(trackKey), own);
  return linked;
}
