import { type HttpClient, PlayerError } from "@player/core-runtime";
import { imageDimensionsFromData } from "image-dimensions";
import { discardBody, readBoundedBytes } from "./bounded-body.js";
import { MBID_PATTERN } from "./musicbrainz-search-result.js";
import { remoteServiceError, urlWithoutQuery } from "./remote-service-error.js";

/** The thumbnail sizes the Cover Art Archive serves, in pixels. */
export type CoverArtSize = 250 | 500 | 1200;
const SIZES: readonly CoverArtSize[] = [250, 500, 1200];
const DEFAULT_SIZE: CoverArtSize = 500;

/** A cover image as served. */
export interface CoverImage {
  /** From the image's own bytes (`image/jpeg`, `image/png`…), else the `Content-Type`. */
  mimeType: string;
  data: Uint8Array;
}

/** Options of {@link CoverArtClient.fetchFront}. */
export interface FetchFrontOptions {
  /** Thumbnail edge in pixels. Default 500. */
  size?: CoverArtSize;
  signal?: AbortSignal;
}

/** Options of {@link CoverArtClient}; {@link createRemoteMetadata} fills them in. */
export interface CoverArtClientOptions {
  http: Pick<HttpClient, "request">;
  /** The archive root, e.g. `https://coverartarchive.org`. */
  baseUrl: string;
  userAgent: string;
  /** Largest image accepted, in bytes. Default 16 MiB. */
  maxBytes?: number;
}

/** Far above any 1200 px thumbnail; a bound on what a hostile server can make us hold. */
const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
const MIME_TYPES: Readonly<Record<string, string>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
  heic: "image/heic",
};

/**
 * Fetches front covers from the Cover Art Archive:
 * `GET /release/{mbid}/front-{size}`, following its `307` to the image.
 * Rate limiting (503) and server errors are retried by the HttpClient.
 *
 * @example
 * ```ts
 * const cover = await coverArt.fetchFront(releaseId, { size: 500, signal });
 * if (cover) show(new Blob([cover.data], { type: cover.mimeType }));
 * ```
 */
export class CoverArtClient {
  readonly #options: CoverArtClientOptions;

  constructor(options: CoverArtClientOptions) {
    this.#options = options;
  }

  /**
   * The front cover of a release.
   *
   * @param releaseId - A release MBID.
   * @returns The image, or `undefined` when the release has no front cover (404).
   * @throws PlayerError `runtime/invalid-argument` for an id that is no MBID or an
   *   unknown size; the HttpClient's errors (`http/status` for other statuses);
   *   a remote failure (service `coverartarchive`) with reason `too-large` or
   *   `not-an-image`.
   */
  async fetchFront(
    releaseId: string,
    options: FetchFrontOptions = {},
  ): Promise<CoverImage | undefined> {
    if (typeof releaseId !== "string" || !MBID_PATTERN.test(releaseId)) {
      throw new PlayerError("runtime/invalid-argument", "fetchFront: releaseId must be an MBID", {
        details: { argument: "releaseId" },
      });
    }
    const size = options.size ?? DEFAULT_SIZE;
    if (!SIZES.includes(size)) {
      throw new PlayerError(
        "runtime/invalid-argument",
        `fetchFront: size must be one of ${SIZES.join(", ")}, got ${String(size)}`,
        { details: { argument: "size" } },
      );
    }
    const url = `${this.#options.baseUrl}/release/${releaseId.toLowerCase()}/front-${size}`;
    const response = await this.#options.http.request(url, {
      headers: { "user-agent": this.#options.userAgent },
      redirect: "follow",
      expectStatus: [200, 404],
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    if (response.status === 404) {
      discardBody(response);
      return undefined;
    }
    const maxBytes = this.#options.maxBytes ?? DEFAULT_MAX_BYTES;
    const data = await readBoundedBytes(response, maxBytes, {
      service: "coverartarchive",
      url,
      signal: options.signal,
    });
    const declared = response.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
    const mimeType = imageMimeType(data, declared);
    if (mimeType === undefined) {
      const logUrl = urlWithoutQuery(response.url === "" ? url : response.url);
      throw remoteServiceError(
        `The Cover Art Archive answered something that is no image (${declared ?? "no type"}) from ${logUrl}`,
        {
          service: "coverartarchive",
          reason: "not-an-image",
          url: logUrl,
          status: response.status,
        },
      );
    }
    return { mimeType, data };
  }
}

/**
 * The image type of `data`, read from its bytes. Formats the sniffer does not
 * know (BMP, TIFF…) are taken on the server's word; a body that claims a
 * format the sniffer knows but does not look like it is no image.
 */
function imageMimeType(data: Uint8Array, declared: string | undefined): string | undefined {
  let sniffed: string | undefined;
  try {
    sniffed = imageDimensionsFromData(data)?.type;
  } catch {
    sniffed = undefined; // hostile bytes: treated like unrecognised ones
  }
  if (sniffed !== undefined) return MIME_TYPES[sniffed] ?? `image/${sniffed}`;
  const sniffable = [...Object.values(MIME_TYPES), "image/jpg"];
  if (declared?.startsWith("image/") && !sniffable.includes(declared) && data.byteLength > 0) {
    return declared;
  }
  return undefined;
}
