import type { TrackKey } from "@player/core-library";
import type { EventBus, PlaybackState } from "@player/core-runtime";
import type { Lyrics } from "../lyrics/lyrics.js";
import { LyricsFollower, type LyricsFollowerOptions } from "../lyrics/lyrics-follower.js";

/** Options of {@link LyricsAnnouncer}. */
export interface LyricsAnnouncerOptions {
  bus: EventBus;
  /** The lyrics of a track (synced ones are followed). */
  lyricsFor: (trackId: TrackKey) => Promise<Lyrics | undefined>;
  /** Clock and timers, for tests. */
  follower?: Omit<LyricsFollowerOptions, "onLine" | "onBeforeFirstLine">;
  /** Monotonic clock in milliseconds. Default `performance.now`. */
  now?: () => number;
}

/**
 * Emits `playback:lyrics-line` while a track with synced lyrics plays: it
 * loads the lyrics when the track changes and feeds the playback engine's
 * position and state events to a {@link LyricsFollower}, which fires each
 * line on time between position reports.
 */
export class LyricsAnnouncer {
  readonly #options: LyricsAnnouncerOptions;
  readonly #follower: LyricsFollower;
  readonly #now: () => number;
  readonly #stops: (() => void)[] = [];
  #trackId: TrackKey | undefined;
  #playing = false;
  /** The last reported position and when it was reported, to estimate the position later. */
  #last = { positionMs: 0, at: 0 };

  constructor(options: LyricsAnnouncerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#follower = new LyricsFollower({
      ...options.follower,
      onLine: ({ index, line, positionMs }) => {
        const trackId = this.#trackId;
        if (trackId === undefined) return;
        options.bus.emit("playback:lyrics-line", {
          trackId,
          index,
          line:
            line.words === undefined
              ? { timeMs: line.timeMs, text: line.text }
              : {
                  timeMs: line.timeMs,
                  text: line.text,
                  words: line.words.map(({ timeMs, text }) => ({ timeMs, text })),
                },
          position: positionMs / 1000,
        });
      },
    });
    const { bus } = options;
    this.#stops.push(
      bus.on("playback:track-changed", ({ trackId }) => this.#load(trackId)),
      bus.on("playback:position", ({ trackId, position }) => {
        if (trackId !== this.#trackId) return;
        this.#last = { positionMs: position * 1000, at: this.#now() };
        this.#follower.update({ positionMs: this.#last.positionMs, playing: this.#playing });
      }),
      bus.on("playback:state", ({ state, trackId }) => this.#setState(state, trackId)),
    );
  }

  /** Stops listening. */
  dispose(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#follower.dispose();
    this.#trackId = undefined;
  }

  #load(trackId: TrackKey): void {
    this.#trackId = trackId;
    this.#last = { positionMs: 0, at: this.#now() };
    this.#follower.load(undefined);
    this.#options.lyricsFor(trackId).then(
      (lyrics) => {
        if (this.#trackId !== trackId || lyrics === undefined || !lyrics.synced) return;
        this.#follower.load(lyrics.lines);
        this.#follower.update({ positionMs: this.#estimate(), playing: this.#playing });
      },
      () => undefined,
    );
  }

  #setState(state: PlaybackState, trackId: TrackKey | undefined): void {
    if (state === "idle") {
      // Stopped: the track is gone; nothing may be announced for it any more.
      this.#trackId = undefined;
      this.#playing = false;
      this.#follower.load(undefined);
      return;
    }
    // The next track's `loading` comes before its `track-changed`: not ours yet.
    if (trackId !== this.#trackId) return;
    const positionMs = this.#estimate();
    this.#playing = state === "playing";
    this.#last = { positionMs, at: this.#now() };
    this.#follower.update({ positionMs, playing: this.#playing });
  }

  /** The position now: the last report, moved on by the time since when playing. */
  #estimate(): number {
    return this.#playing
      ? this.#last.positionMs + (this.#now() - this.#last.at)
      : this.#last.positionMs;
  }
}
