import { isPlayerError, PlayerError } from "@player/core-runtime";
import { decodeLyricsText } from "./decode-lyrics-text.js";
import { type Lyrics, type LyricsSource, toLyrics } from "./lyrics.js";

/** What a lyrics service (LRCLIB) answers for a track; `undefined` when it has no record. */
export interface RemoteLyrics {
  syncedLyrics?: string | null;
  plainLyrics?: string | null;
  /** The track has no words; its lyrics fields are ignored. */
  instrumental?: boolean;
}

/** Where a track's lyrics may come from. Each one is optional. */
export interface LyricsSources {
  /** Lyrics text from the file's tags (LRC or plain). */
  embedded?: string | undefined;
  /** The `.lrc` file next to the track. */
  sidecar?: { read(): Promise<Uint8Array> } | undefined;
  /** A lyrics service, asked only when no local source has synced lyrics. */
  remote?: { fetch(): Promise<RemoteLyrics | undefined> } | undefined;
}

/** Options of {@link resolveLyrics}. */
export interface ResolveLyricsOptions {
  /** Ask the remote source at all (a privacy setting). Default `true`. */
  allowRemote?: boolean;
  /** Aborts between sources; an abort error from a source is rethrown, not collected. */
  signal?: AbortSignal;
  /** Language of the embedded lyrics, when the tags said so. */
  embeddedLanguage?: string;
}

/** The outcome of {@link resolveLyrics}. */
export interface ResolvedLyrics {
  /** The lyrics to show, or `undefined` when no source had any. */
  lyrics: Lyrics | undefined;
  /** True when no source had lyrics and the lyrics service says the track is instrumental. */
  instrumental: boolean;
  /** One error per source that failed; the other sources were still tried. */
  warnings: PlayerError[];
}

const SOURCE_LABELS: Record<LyricsSource, string> = {
  embedded: "Embedded",
  sidecar: "Sidecar",
  remote: "Remote",
};

/**
 * Picks a track's lyrics. The first source, in the order embedded → sidecar →
 * remote, that has SYNCED lyrics wins; when none has, the first that has plain
 * text wins. Sources after a synced hit are not read, and the remote source is
 * asked only when neither local source had synced lyrics and `allowRemote` is
 * not `false`. A source that fails is skipped and its error collected in
 * `warnings` (with `details.lyricsSource`); only an abort rejects.
 *
 * @example
 * ```ts
 * const { lyrics, warnings } = await resolveLyrics(
 *   { embedded: tags.lyrics, sidecar: { read: () => readFile(lrcId) }, remote: { fetch: () => lrclib.get(query) } },
 *   { signal },
 * );
 * ```
 */
export async function resolveLyrics(
  sources: LyricsSources,
  options: ResolveLyricsOptions = {},
): Promise<ResolvedLyrics> {
  const { signal } = options;
  const warnings: PlayerError[] = [];
  let plain: Lyrics | undefined;
  let instrumental = false;

  const attempt = async (
    source: LyricsSource,
    read: () => Promise<(Lyrics | undefined)[]>,
  ): Promise<Lyrics | undefined> => {
    signal?.throwIfAborted();
    let found: (Lyrics | undefined)[];
    try {
      found = await read();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (isAbortError(error)) throw error;
      warnings.push(toWarning(error, source));
      return undefined;
    }
    signal?.throwIfAborted();
    plain ??= found.find((lyrics) => lyrics?.synced === false);
    return found.find((lyrics) => lyrics?.synced === true);
  };

  const { embedded, sidecar, remote } = sources;
  const language = options.embeddedLanguage;
  // Each step reads one source; a step is absent when its source is not available.
  const steps: [LyricsSource, (() => Promise<(Lyrics | undefined)[]>) | undefined][] = [
    [
      "embedded",
      embedded === undefined
        ? undefined
        : async () => [toLyrics(embedded, "embedded", language === undefined ? {} : { language })],
    ],
    [
      "sidecar",
      sidecar === undefined
        ? undefined
        : async () => [toLyrics(decodeLyricsText(await sidecar.read()), "sidecar")],
    ],
    [
      "remote",
      remote === undefined || options.allowRemote === false
        ? undefined
        : async () => {
            const answer = await remote.fetch();
            if (answer?.instrumental === true) instrumental = true;
            if (answer === undefined || answer.instrumental === true) return [];
            return [answer.syncedLyrics, answer.plainLyrics].map((text) =>
              typeof text === "string" ? toLyrics(text, "remote") : undefined,
            );
          },
    ],
  ];
  for (const [source, read] of steps) {
    if (read === undefined) continue;
    const synced = await attempt(source, read);
    if (synced !== undefined) return { lyrics: synced, instrumental: false, warnings };
  }
  signal?.throwIfAborted();
  return { lyrics: plain, instrumental: plain === undefined && instrumental, warnings };
}

function isAbortError(error: unknown): boolean {
  if (isPlayerError(error)) return error.code === "http/aborted";
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "AbortError"
  );
}

/** Keeps a PlayerError's code and retryable flag, and says which source failed. */
function toWarning(error: unknown, source: LyricsSource): PlayerError {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `${SOURCE_LABELS[source]} lyrics could not be read: ${reason}`;
  if (isPlayerError(error)) {
    return new PlayerError(error.code, message, {
      cause: error,
      retryable: error.retryable,
      details: { ...error.details, lyricsSource: source },
    });
  }
  return new PlayerError("metadata/unreadable", message, {
    cause: error,
    details: { lyricsSource: source },
  });
}
