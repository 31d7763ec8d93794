import type { ContentRenderer, TrackFacts } from "./library-types.js";

/**
 * A {@link ContentRenderer} for tests: fixed-size, recognisable bytes instead
 * of audio, and a record of every render so tests can see what was cached.
 */
export class FakeContentRenderer implements ContentRenderer {
  /** Index of every track rendered, in call order. */
  readonly trackRenders: number[] = [];
  /** Index of every track whose lyrics were rendered, in call order. */
  readonly lyricsRenders: number[] = [];

  /** @param trackBytes - Size of every rendered track; at least 4. */
  constructor(readonly trackBytes = 1024) {}

  renderTrack(track: TrackFacts): Uint8Array {
    this.trackRenders.push(track.index);
    const bytes = new Uint8Array(this.trackBytes);
    // The index in the first bytes tells tests which track they got.
    new DataView(bytes.buffer).setUint32(0, track.index);
    return bytes;
  }

  renderLyrics(track: TrackFacts): Uint8Array {
    this.lyricsRenders.push(track.index);
    return new TextEncoder().encode(`[00:00.00]${track.title}\n`);
  }
}
