import type { StorageProvider } from "@player/core-runtime";
import { type RangeClientStats, type ReadBudget, StorageByteSource } from "./byte-source.js";
import { picturesComeFree, sniffContainer } from "./container-sniffer.js";
import { readFlacTags } from "./flac/read-flac.js";
import { HEAD_BYTES, parseWithMusicMetadata, toTrackTags } from "./music-metadata-reader.js";
import { readOggTags } from "./ogg/read-ogg.js";
import { tagReadError } from "./read-error.js";
import { tailPrefetchBytes } from "./tail-prefetch.js";
import type { TrackTags } from "./track-tags.js";

/** Options of {@link readTags}. */
export interface ReadTagsOptions {
  /** The file's MIME type, as the drive reports it: a hint, used only when the first bytes do not tell. */
  mimeType?: string;
  signal?: AbortSignal;
  /** Filled with the requests and bytes the read cost. */
  stats?: RangeClientStats;
  /**
   * The file's size and name as the drive lists them: with both, the part of
   * the file's end the format will want is fetched together with its head,
   * saving a round trip (MP3, M4A, Ogg).
   */
  sizeBytes?: number;
  fileName?: string;
}

/**
 * The most one file's tags may cost. ID3v2 tags are read whole, and some
 * carry covers of several MiB; nothing legitimate needs more.
 */
export const READ_TAGS_BUDGET: Readonly<ReadBudget> = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  maxRequests: 1200,
});

/**
 * Reads a file's tags and stream facts over range reads of the drive: a few
 * kilobytes per file, never the audio, never the embedded pictures.
 *
 * The container is sniffed from the first 4 KiB. Ogg Vorbis/Opus and FLAC
 * are read by our own readers (comment fields one by one, pictures stepped
 * over by their declared length, the Ogg duration from the last page's
 * granule position); every other format by music-metadata. Tags map the
 * same either way.
 *
 * @example
 * ```ts
 * const tags = await readTags(drive, file.id, { mimeType: file.mimeType });
 * console.log(tags.title, tags.artists.join(", "), tags.duration);
 * ```
 *
 * @throws PlayerError `metadata/unreadable` with the parser's error as
 * `cause` when the bytes are no format we know or the tags are broken (or
 * would cost more than {@link READ_TAGS_BUDGET}). The drive's own errors
 * (network, auth, a missing file) and aborts are passed on as they are.
 */
export async function readTags(
  storage: StorageProvider,
  remoteId: string,
  options: ReadTagsOptions = {},
): Promise<TrackTags> {
  const source = new StorageByteSource(storage, remoteId, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.stats === undefined ? {} : { stats: options.stats }),
    budget: READ_TAGS_BUDGET,
  });
  try {
    const tail = tailPrefetchBytes(options.fileName);
    const size = options.sizeBytes;
    // Only when head and tail cannot overlap: no byte is fetched twice.
    if (tail > 0 && size !== undefined && size > HEAD_BYTES + tail) {
      source.prefetch(size - tail, tail);
    }
    const head = await source.read(0, HEAD_BYTES);
    const kind = sniffContainer(head);
    if (kind === "ogg") {
      const tags = await readOggTags(source, head);
      if (tags !== undefined) return tags;
    } else if (kind === "flac") {
      return await readFlacTags(source);
    }
    const skipCovers = !picturesComeFree(kind);
    const metadata = await parseWithMusicMetadata(source, {
      // The hint only where the bytes did not tell: a replaced or renamed file often lies.
      ...(options.mimeType === undefined || kind !== "other" ? {} : { mimeType: options.mimeType }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      skipCovers,
    });
    // Bytes no container sniff recognised, parsed only on the hint's word: without
    // an audio stream found in them, they are not audio, whatever the name says.
    if (
      kind === "other" &&
      metadata.format.codec === undefined &&
      metadata.format.sampleRate === undefined
    ) {
      throw new Error("No audio stream found in the file");
    }
    return toTrackTags(metadata, !skipCovers);
  } catch (cause) {
    throw tagReadError(cause, source, options.signal);
  }
}
