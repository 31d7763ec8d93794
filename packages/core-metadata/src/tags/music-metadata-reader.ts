/** Every format but Ogg Vorbis/Opus and FLAC: music-metadata over the byte source. */
import type { IAudioMetadata, IPicture } from "music-metadata";
import type { StorageByteSource } from "./byte-source.js";
import { type EmbeddedPicture, FRONT_COVER } from "./embedded-picture.js";
import { byteSourceRangeClient } from "./storage-range-client.js";
import type { TrackTags } from "./track-tags.js";
import { definedEntries } from "./vorbis/vorbis-comment-tags.js";

/** Bytes of the first request; the byte source already holds them. */
export const HEAD_BYTES = 4 * 1024;

/** Options of {@link parseWithMusicMetadata}. */
export interface MusicMetadataOptions {
  mimeType?: string;
  signal?: AbortSignal;
  /** False to get the pictures: costs no extra bytes where the tag is read whole (ID3v2, MP4). */
  skipCovers: boolean;
}

/** Parses the file with music-metadata, serving the bytes from `source`. */
export async function parseWithMusicMetadata(
  source: StorageByteSource,
  options: MusicMetadataOptions,
): Promise<IAudioMetadata> {
  const [{ parseFromTokenizer }, { tokenizer }] = await Promise.all([
    import("music-metadata"),
    import("@tokenizer/range"),
  ]);
  // The tokenizer listens to its signal and never lets go: give it one per parse,
  // so a long-lived caller signal (the scan's) does not collect a listener per file.
  const { signal } = options;
  const own = new AbortController();
  const forward = () => own.abort(signal?.reason);
  if (signal?.aborted) forward();
  else signal?.addEventListener("abort", forward, { once: true });
  try {
    const reader = await tokenizer(byteSourceRangeClient(source, options.mimeType), {
      avoidHeadRequests: true,
      // The tokenizer asks for bytes 0..initialChunkSize inclusive: exactly the head.
      initialChunkSize: HEAD_BYTES - 1,
      minimumChunkSize: HEAD_BYTES,
      abortSignal: own.signal,
    });
    return await parseFromTokenizer(reader, { duration: false, skipCovers: options.skipCovers });
  } finally {
    signal?.removeEventListener("abort", forward);
  }
}

/**
 * Maps music-metadata's result to TrackTags.
 *
 * @param picturesRead - The parse kept pictures, so `hasPicture` is known.
 */
export function toTrackTags({ common, format }: IAudioMetadata, picturesRead: boolean): TrackTags {
  return {
    ...definedEntries({
      title: common.title,
      album: common.album,
      albumArtist: common.albumartist,
      trackNumber: common.track.no ?? undefined,
      trackTotal: common.track.of ?? undefined,
      discNumber: common.disk.no ?? undefined,
      discTotal: common.disk.of ?? undefined,
      year: common.year,
      duration: format.duration,
      codec: format.codec,
      sampleRate: format.sampleRate,
      channels: format.numberOfChannels,
      bitsPerSample: format.bitsPerSample,
      bitrate: format.bitrate,
      lyrics: common.lyrics?.[0]?.text,
    }),
    artists: common.artists ?? (common.artist === undefined ? [] : [common.artist]),
    genres: common.genre ?? [],
    composers: common.composer ?? [],
    compilation: common.compilation === true,
    replayGain: definedEntries({
      trackGainDb: common.replaygain_track_gain?.dB,
      trackPeak: common.replaygain_track_peak?.ratio,
      albumGainDb: common.replaygain_album_gain?.dB,
      albumPeak: common.replaygain_album_peak?.ratio,
    }),
    musicBrainz: definedEntries({
      recordingId: common.musicbrainz_recordingid,
      releaseId: common.musicbrainz_albumid,
      artistId: common.musicbrainz_artistid?.[0],
    }),
    ...(picturesRead ? { hasPicture: (common.picture?.length ?? 0) > 0 } : {}),
  };
}

/** The front cover, else the first picture; undefined when it is over `maxBytes`. */
export function pickMusicMetadataPicture(
  pictures: readonly IPicture[] | undefined,
  maxBytes: number,
): EmbeddedPicture | undefined {
  const chosen = pictures?.find((picture) => picture.type === FRONT_COVER) ?? pictures?.[0];
  if (chosen === undefined || chosen.data.length > maxBytes) return undefined;
  const picture: EmbeddedPicture = { mimeType: chosen.format, data: ownBytes(chosen.data) };
  if (chosen.type) picture.type = chosen.type;
  if (chosen.description) picture.description = chosen.description;
  return picture;
}

/** A copy when `bytes` is a view into a larger buffer (the whole tag), so that can be freed. */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}
