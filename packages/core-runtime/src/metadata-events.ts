/** Payloads of the `metadata:*` events and of `playback:lyrics-line`. */

/**
 * Payload of `metadata:progress`: the background tag scan moved on. Sent
 * when it starts, at most a few times a second while it runs, and when it
 * goes idle.
 */
export interface MetadataProgressData {
  /** `scanning` while files are read, `idle` when no track waits for its tags. */
  state: "scanning" | "idle";
  /** Tracks whose tags were read (or found unreadable) since the scan started. */
  done: number;
  /** Tracks still waiting for their tags, as far as the scan knows. */
  remaining: number;
  /** Of `done`: files whose tags could not be read; they keep their file-name fields. */
  unreadable: number;
  /** Reads that failed for a transient reason (network); those tracks are tried again later. */
  failed: number;
}

/** One line of synced lyrics. */
export interface LyricsLineData {
  /** Start of the line in milliseconds from the start of the track. */
  timeMs: number;
  /** The text; empty for a line that clears the display. */
  text: string;
  /** Word timings of enhanced LRC, when the lyrics have them. */
  words?: { timeMs: number; text: string }[];
}

/** Payload of `playback:lyrics-line`: the play position entered a new line of the track's synced lyrics. */
export interface PlaybackLyricsLineData {
  trackId: string;
  /** Index of the line in the lyrics `getLyrics` returns. */
  index: number;
  line: LyricsLineData;
  /** Where the play position was when the line was entered, in seconds. */
  position: number;
}
