import { PlayerError, type StorageProvider } from "@player/core-runtime";
import type { IAudioMetadata } from "music-metadata";
import { type RangeClientStats, storageRangeClient } from "./storage-range-client.js";
import type { TrackTags } from "./track-tags.js";

/** Options of {@link readTags}. */
export interface ReadTagsOptions {
  /** The file's MIME type, as the drive reports it (a hint for the parser). */
  mimeType?: string;
  signal?: AbortSignal;
  /** Filled with the requests and bytes the read cost. */
  stats?: RangeClientStats;
}

/** Bytes of the first request: the tags of most files sit in the first few KiB. */
const FIRST_CHUNK_BYTES = 4 * 1024;

/**
 * Reads a file's tags and stream facts with music-metadata over range reads
 * of the drive: a few kilobytes per file, never the audio. Embedded pictures
 * are skipped; the duration comes from headers, not a scan.
 *
 * @throws PlayerError `metadata/unreadable` with the parser's error as `cause`
 * when the bytes are not a format the parser knows or the tags are broken.
 */
export async function readTags(
  storage: StorageProvider,
  remoteId: string,
  options: ReadTagsOptions = {},
): Promise<TrackTags> {
  const [{ parseFromTokenizer }, { tokenizer }] = await Promise.all([
    import("music-metadata"),
    import("@tokenizer/range"),
  ]);
  const client = storageRangeClient(storage, remoteId, options);
  let metadata: IAudioMetadata;
  try {
    const source = await tokenizer(client, {
      avoidHeadRequests: true,
      initialChunkSize: FIRST_CHUNK_BYTES,
      minimumChunkSize: FIRST_CHUNK_BYTES,
      ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
    });
    metadata = await parseFromTokenizer(source, { duration: false, skipCovers: true });
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new PlayerError("metadata/unreadable", "The file's tags could not be read", {
      cause,
      details: { remoteId },
    });
  }
  return toTrackTags(metadata);
}

function toTrackTags({ common, format }: IAudioMetadata): TrackTags {
  const defined = <T extends object>(value: T) =>
    Object.fromEntries(
      Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null),
    ) as T;
  return {
    ...defined({
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
    replayGain: defined({
      trackGainDb: common.replaygain_track_gain?.dB,
      trackPeak: common.replaygain_track_peak?.ratio,
      albumGainDb: common.replaygain_album_gain?.dB,
      albumPeak: common.replaygain_album_peak?.ratio,
    }),
    musicBrainz: defined({
      recordingId: common.musicbrainz_recordingid,
      releaseId: common.musicbrainz_albumid,
      artistId: common.musicbrainz_artistid?.[0],
    }),
  };
}
