import type { LibraryService, Track, TrackKey } from "@player/core-library";
import type { Logger, StorageProvider } from "@player/core-runtime";
import { MAX_LYRICS_FILE_BYTES } from "../lyrics/decode-lyrics-text.js";
import { type Lyrics, toLyrics } from "../lyrics/lyrics.js";
import { type RemoteLyrics, resolveLyrics } from "../lyrics/resolve-lyrics.js";

/** Options of {@link LyricsService}. */
export interface LyricsServiceOptions {
  library: Pick<LibraryService, "getTrack" | "getLyrics" | "saveLyrics">;
  storageFor: (accountId: string) => StorageProvider | undefined;
  /** Lyrics from a remote source (LRCLIB), when the host enabled remote enrichment. */
  fetchRemote?: (track: Track, signal?: AbortSignal) => Promise<RemoteLyrics | undefined>;
  logger?: Logger;
}

/**
 * A track's lyrics: embedded in its tags (stored by the tag scan), a `.lrc`
 * file beside it, then — when enabled — the remote source, whose answer is
 * stored so it is asked once. Synced lyrics win over plain text.
 */
export class LyricsService {
  readonly #options: LyricsServiceOptions;
  /** Tracks the remote source had nothing for, in this session. */
  readonly #remoteMisses = new Set<TrackKey>();

  constructor(options: LyricsServiceOptions) {
    this.#options = options;
  }

  /** Sets or clears the remote source (remote enrichment switched on or off). */
  setRemote(fetchRemote: LyricsServiceOptions["fetchRemote"]): void {
    if (fetchRemote === undefined) delete this.#options.fetchRemote;
    else this.#options.fetchRemote = fetchRemote;
    this.#remoteMisses.clear();
  }

  /** The track's lyrics, synced or plain; `undefined` when it has none (or is unknown). */
  async get(key: TrackKey, signal?: AbortSignal): Promise<Lyrics | undefined> {
    const { library, storageFor, fetchRemote, logger } = this.#options;
    const [track, stored] = await Promise.all([library.getTrack(key), library.getLyrics(key)]);
    if (track === undefined || stored === undefined) return undefined;
    if (stored.source === "remote" && stored.text !== undefined) {
      return toLyrics(stored.text, "remote");
    }
    const storage = storageFor(track.accountId);
    const sidecar = stored.sidecars[0];
    let remoteText: string | undefined;
    const remote =
      fetchRemote === undefined || this.#remoteMisses.has(key)
        ? undefined
        : {
            fetch: async () => {
              const answer = await fetchRemote(track, signal);
              remoteText = answer?.syncedLyrics ?? answer?.plainLyrics ?? undefined;
              if (answer === undefined) this.#remoteMisses.add(key);
              return answer;
            },
          };
    const result = await resolveLyrics(
      {
        embedded: stored.source === "embedded" ? stored.text : undefined,
        sidecar:
          storage === undefined || sidecar === undefined
            ? undefined
            : { read: () => readLyricsFile(storage, sidecar.remoteId, signal) },
        remote,
      },
      { allowRemote: remote !== undefined, ...(signal === undefined ? {} : { signal }) },
    );
    for (const warning of result.warnings) {
      logger?.warn("lyrics source skipped", {
        trackId: key,
        code: warning.code,
        message: warning.message,
      });
    }
    if (result.lyrics?.source === "remote" && remoteText !== undefined) {
      await library.saveLyrics(key, remoteText, "remote");
    }
    return result.lyrics;
  }
}

/** A `.lrc` file's bytes: one range read, one byte past the limit so an oversized file is refused. */
async function readLyricsFile(
  storage: StorageProvider,
  remoteId: string,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const result = await storage.readRange(
    remoteId,
    { start: 0, end: MAX_LYRICS_FILE_BYTES },
    signal === undefined ? {} : { signal },
  );
  return result.bytes;
}
