/** Payloads of the `playback:*` events. */
import type { PlayerErrorData } from "./errors.js";

/**
 * Where the player is: `idle` (nothing loaded), `loading` (fetching and
 * decoding the first audio), `playing`, `paused`, `buffering` (the audio ran
 * out while playing; it resumes by itself), `ended` (the track played to its
 * end), `error` (see `playback:error`).
 */
export type PlaybackState =
  | "idle"
  | "loading"
  | "playing"
  | "paused"
  | "buffering"
  | "ended"
  | "error";

/** Payload of `playback:state`. */
export interface PlaybackStateData {
  state: PlaybackState;
  /** The track concerned; absent in `idle`. */
  trackId?: string;
}

/** Payload of `playback:position`, a few times a second while playing and after every seek. */
export interface PlaybackPositionData {
  trackId: string;
  /** Seconds from the track's start, from the audio clock (frames the output has played). */
  position: number;
  /** The track's length in seconds, when known. */
  duration: number | undefined;
  /** Seconds of decoded audio queued ahead of the position. */
  buffered: number;
}

/** Payload of `playback:track-changed`: a new track is now the current one. */
export interface PlaybackTrackChangedData {
  trackId: string;
  /** The previous current track, if any. */
  previousTrackId?: string;
  /** What the decoder found: codec, source rate, channels, length. */
  codec: string;
  sampleRate: number;
  channels: number;
  duration: number | undefined;
}

/**
 * Payload of `playback:error`. `fatal: false` is a warning (damaged frames
 * skipped, a truncated file played to where it ends): playback goes on.
 */
export interface PlaybackErrorData {
  trackId?: string;
  fatal: boolean;
  error: PlayerErrorData;
}
