import type { StorageProvider } from "@player/core-runtime";
import {
  type RangeClientStats,
  ReadBudgetExceededError,
  StorageByteSource,
} from "./byte-source.js";
import { sniffContainer } from "./container-sniffer.js";
import type { EmbeddedPicture } from "./embedded-picture.js";
import { readFlacPicture } from "./flac/read-flac.js";
import {
  HEAD_BYTES,
  parseWithMusicMetadata,
  pickMusicMetadataPicture,
} from "./music-metadata-reader.js";
import { NOT_VORBIS_OR_OPUS, readOggPicture } from "./ogg/read-ogg.js";
import { tagReadError } from "./read-error.js";

/** Options of {@link readEmbeddedPicture}. */
export interface ReadEmbeddedPictureOptions {
  /** The file's MIME type, as the drive reports it: a hint, used only when the first bytes do not tell. */
  mimeType?: string;
  signal?: AbortSignal;
  /** Filled with the requests and bytes the read cost. */
  stats?: RangeClientStats;
  /** A picture declaring more bytes than this is not read. Default 16 MiB. */
  maxBytes?: number;
}

/** Default of {@link ReadEmbeddedPictureOptions.maxBytes}. */
export const DEFAULT_MAX_PICTURE_BYTES = 16 * 1024 * 1024;
/** What may be read besides the picture: the rest of the tag around it. */
const TAG_ALLOWANCE_BYTES = 1024 * 1024;
const MAX_REQUESTS = 1200;

/**
 * Reads the picture embedded in a file's tags: the front cover if there is
 * one, else the first picture.
 *
 * Ogg Vorbis/Opus and FLAC pictures are located by their headers and only
 * the chosen one is fetched (base64 decoded a chunk at a time for Ogg);
 * other formats go through music-metadata, their reads capped at `maxBytes`
 * plus 1 MiB of tag.
 *
 * @example
 * ```ts
 * const cover = await readEmbeddedPicture(drive, file.id, { maxBytes: 4 * 1024 * 1024 });
 * if (cover !== undefined) show(new Blob([cover.data], { type: cover.mimeType }));
 * ```
 *
 * @returns undefined when the file has no picture, or the chosen one is over
 * `maxBytes` (then it is not read).
 * @throws PlayerError `metadata/unreadable` when the file or its tags are
 * broken; the drive's own errors and aborts as they are.
 */
export async function readEmbeddedPicture(
  storage: StorageProvider,
  remoteId: string,
  options: ReadEmbeddedPictureOptions = {},
): Promise<EmbeddedPicture | undefined> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PICTURE_BYTES;
  const source = new StorageByteSource(storage, remoteId, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.stats === undefined ? {} : { stats: options.stats }),
    budget: { maxBytes: maxBytes + TAG_ALLOWANCE_BYTES, maxRequests: MAX_REQUESTS },
  });
  try {
    const head = await source.read(0, HEAD_BYTES);
    const kind = sniffContainer(head);
    if (kind === "flac") return await readFlacPicture(source, maxBytes);
    if (kind === "ogg") {
      const picture = await readOggPicture(source, head, maxBytes);
      if (picture !== NOT_VORBIS_OR_OPUS) return picture;
    }
    if (kind === "id3" && id3TagBytes(head) > maxBytes + TAG_ALLOWANCE_BYTES) return undefined;
    const metadata = await parseWithMusicMetadata(source, {
      // The hint only where the bytes did not tell: a replaced or renamed file often lies.
      ...(options.mimeType === undefined || kind !== "other" ? {} : { mimeType: options.mimeType }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      skipCovers: false,
    });
    return pickMusicMetadataPicture(metadata.common.picture, maxBytes);
  } catch (cause) {
    // A tag too big for the budget holds a picture too big to want.
    if (cause instanceof ReadBudgetExceededError && !options.signal?.aborted) return undefined;
    throw tagReadError(cause, source, options.signal);
  }
}

/** The size of the ID3v2 tag a file starts with (header, frames, footer). */
function id3TagBytes(head: Uint8Array): number {
  const size =
    (((head[6] ?? 0) & 0x7f) << 21) |
    (((head[7] ?? 0) & 0x7f) << 14) |
    (((head[8] ?? 0) & 0x7f) << 7) |
    ((head[9] ?? 0) & 0x7f);
  const footer = ((head[5] ?? 0) & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}
