import type { TrackFacts } from "../library/library-types.js";
import { plainLyricsFromLrc } from "./lyrics-text.js";

/** An LRCLIB lyrics record, as `/api/get` and `/api/search` return it. */
export interface LrclibRecord {
  id: number;
  /** The server emits the track name twice, as `name` and `trackName`. */
  name: string;
  trackName: string;
  artistName: string;
  albumName: string;
  /** Seconds. */
  duration: number;
  instrumental: boolean;
  plainLyrics: string | null;
  syncedLyrics: string | null;
}

/** What `/api/get` looks a record up by. */
export interface LrclibSignature {
  trackName: string;
  artistName: string;
  albumName?: string;
  /** Seconds; matches within ±2 s like the real server. */
  durationSeconds?: number;
}

/** What `/api/search` filters by; at least `q` or `trackName`. */
export interface LrclibSearch {
  q?: string;
  trackName?: string;
  artistName?: string;
  albumName?: string;
}

/** The real server's duration tolerance (`track_repository.rs`). */
const DURATION_TOLERANCE_SECONDS = 2;
/** `/api/search` returns at most this many records, without paging. */
export const LRCLIB_SEARCH_LIMIT = 20;

/**
 * The emulated LRCLIB database: one record per library track with lyrics,
 * whose `syncedLyrics` is exactly the `.lrc` sidecar the library renders.
 *
 * @example
 * ```ts
 * const catalog = new LrclibCatalog(() => library.tracks(), (track) => renderer.renderLyrics(track));
 * catalog.find({ trackName: "Paper Moons", artistName: "The Crows", durationSeconds: 3 });
 * ```
 */
export class LrclibCatalog {
  private readonly lyrics = new Map<number, string>();

  constructor(
    private readonly tracks: () => readonly TrackFacts[],
    private readonly renderLyrics: (track: TrackFacts) => Uint8Array,
  ) {}

  /** The record with LRCLIB id `id`. */
  byId(id: number): LrclibRecord | undefined {
    const track = this.withLyrics().find((candidate) => candidate.lrclibId === id);
    return track === undefined ? undefined : this.record(track);
  }

  /** The record matching a track's signature: names compared case-insensitively. */
  find(signature: LrclibSignature): LrclibRecord | undefined {
    const trackName = normalize(signature.trackName);
    const artistName = normalize(signature.artistName);
    const albumName =
      signature.albumName === undefined ? undefined : normalize(signature.albumName);
    const track = this.withLyrics().find(
      (candidate) =>
        normalize(candidate.title) === trackName &&
        normalize(candidate.artist) === artistName &&
        (albumName === undefined || normalize(candidate.album) === albumName) &&
        (signature.durationSeconds === undefined ||
          Math.abs(candidate.durationMs / 1000 - signature.durationSeconds) <=
            DURATION_TOLERANCE_SECONDS),
    );
    return track === undefined ? undefined : this.record(track);
  }

  /**
   * Records matching every given filter: each word of `q` must occur in the
   * track, artist or album name; the other filters are substrings of their field.
   */
  search(query: LrclibSearch): LrclibRecord[] {
    const words = query.q === undefined ? [] : normalize(query.q).split(" ").filter(Boolean);
    const contains = (value: string, wanted: string | undefined): boolean =>
      wanted === undefined || normalize(value).includes(normalize(wanted));
    const results: LrclibRecord[] = [];
    for (const track of this.withLyrics()) {
      const haystack = normalize(`${track.title} ${track.artist} ${track.album}`);
      if (
        words.every((word) => haystack.includes(word)) &&
        contains(track.title, query.trackName) &&
        contains(track.artist, query.artistName) &&
        contains(track.album, query.albumName)
      ) {
        results.push(this.record(track));
        if (results.length === LRCLIB_SEARCH_LIMIT) break;
      }
    }
    return results;
  }

  private withLyrics(): TrackFacts[] {
    return this.tracks().filter((track) => track.hasLyrics);
  }

  private record(track: TrackFacts): LrclibRecord {
    let synced = this.lyrics.get(track.index);
    if (synced === undefined) {
      synced = new TextDecoder().decode(this.renderLyrics(track));
      this.lyrics.set(track.index, synced);
    }
    return {
      id: track.lrclibId,
      name: track.title,
      trackName: track.title,
      artistName: track.artist,
      albumName: track.album,
      duration: track.durationMs / 1000,
      instrumental: false,
      plainLyrics: plainLyricsFromLrc(synced),
      syncedLyrics: synced,
    };
  }
}

/** Case, width and spacing differences do not make a different name. */
function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}
