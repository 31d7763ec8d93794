/**
 * The emulator's ContentRenderer: real audio files for generated tracks,
 * built from the committed tone bank plus tags written at render time.
 */
import type { AudioFormat, ContentRenderer, TrackFacts } from "../library/library-types.js";
import { TONE_DURATION_MS, TONE_FREQUENCIES_HZ } from "../library/tone-plan.js";
import { breakFile } from "./broken-file.js";
import { coverArtKeyForTrack, renderEmbeddedCover } from "./cover-art.js";
import { tagFlac } from "./flac-tagger.js";
import { renderLyrics } from "./lyrics-renderer.js";
import { tagMp3 } from "./mp3-tagger.js";
import { tagM4a } from "./mp4-tagger.js";
import { tagOggOpus, tagOggVorbis } from "./ogg-comment-tagger.js";
import { hashString } from "./seeded-random.js";
import { type BankFormat, ToneBank, toneIndexOf } from "./tone-bank.js";
import {
  type EmbeddedPicture,
  type TaggedAudio,
  type TrackTags,
  tagsFromTrack,
} from "./track-tags.js";
import { synthesizeTonePcm, writeWav } from "./wav-writer.js";

/** Options for {@link createTrackRenderer}. */
export interface TrackRendererOptions {
  /** The `assets/tones` directory; found next to the package when omitted. */
  toneBankDirectory?: string;
}

/** Embedded covers kept at once: about 1.2 KB each, and a 10,000-track library has ~1,000 albums. */
const COVER_CACHE_LIMIT = 4_096;

const TAGGERS: Readonly<
  Record<BankFormat, (untagged: Uint8Array, tags: TrackTags) => TaggedAudio>
> = {
  mp3: tagMp3,
  flac: tagFlac,
  "ogg-vorbis": tagOggVorbis,
  "ogg-opus": tagOggOpus,
  m4a: tagM4a,
};

/**
 * Creates the renderer the library store uses for generated files.
 *
 * `renderTrack` returns a complete file in `track.format` playing a 3 s sine
 * at `track.frequencyHz` (one of the tone plan's 24 tones), tagged from the
 * facts, with a 250 px PNG front cover when `hasCover`, and broken as
 * `track.broken` says. Equal facts always give equal bytes. The result is a
 * fresh array the caller may keep; nothing is cached per track.
 *
 * @throws RangeError from `renderTrack` when the facts cannot be rendered
 * (a frequency outside the tone plan, a duration other than 3 s, numbers
 * that do not fit the tags).
 *
 * @example
 * ```ts
 * const renderer = createTrackRenderer();
 * const bytes = renderer.renderTrack(track); // e.g. an MP3 with ID3v2.4 tags
 * ```
 */
export function createTrackRenderer(options: TrackRendererOptions = {}): ContentRenderer {
  const bank = new ToneBank(options.toneBankDirectory);
  const wavPcm = new Map<number, Uint8Array>();
  const covers = new Map<string, EmbeddedPicture>();

  const coverFor = (track: TrackFacts): EmbeddedPicture => {
    const key = coverArtKeyForTrack(track);
    let cover = covers.get(key);
    if (cover === undefined) {
      cover = renderEmbeddedCover(key);
      // Drop the oldest entry: Map iterates in insertion order.
      if (covers.size >= COVER_CACHE_LIMIT) covers.delete(covers.keys().next().value ?? "");
      covers.set(key, cover);
    }
    return cover;
  };

  const renderIntact = (track: TrackFacts): TaggedAudio => {
    if (track.durationMs !== TONE_DURATION_MS) {
      throw new RangeError(
        `Only ${TONE_DURATION_MS} ms tracks can be rendered, got durationMs ${String(track.durationMs)}.`,
      );
    }
    const toneIndex = toneIndexOf(track.frequencyHz);
    const tags = tagsFromTrack(track, track.hasCover ? coverFor(track) : undefined);
    const format: AudioFormat = track.format;
    if (format === "wav") {
      let pcm = wavPcm.get(toneIndex);
      if (pcm === undefined) {
        pcm = synthesizeTonePcm(TONE_FREQUENCIES_HZ[toneIndex] ?? track.frequencyHz);
        wavPcm.set(toneIndex, pcm);
      }
      return writeWav(pcm, tags);
    }
    // hasOwn, not a lookup alone: "constructor" must not find Object's.
    if (!Object.hasOwn(TAGGERS, format)) {
      throw new RangeError(`Unknown audio format ${JSON.stringify(format)}.`);
    }
    return TAGGERS[format](bank.get(format, toneIndex), tags);
  };

  return {
    renderTrack(track) {
      const audio = renderIntact(track);
      if (track.broken === undefined) return audio.bytes;
      return breakFile(
        audio,
        track.broken,
        hashString(`${track.index}:${track.title}`),
        track.title,
      );
    },
    renderLyrics,
  };
}
