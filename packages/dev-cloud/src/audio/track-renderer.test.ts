import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import type { AudioFormat } from "../library/library-types.js";
import { TONE_FREQUENCIES_HZ, toneForTrack } from "../library/tone-plan.js";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { renderCoverArt } from "./cover-art.js";
import { type DecodableFormat, decodeAudio } from "./decode-for-tests.js";
import { createTrackRenderer } from "./index.js";
import { detectTone } from "./tone-detector.js";

const renderer = createTrackRenderer();
const FORMATS: readonly AudioFormat[] = ["mp3", "flac", "ogg-vorbis", "ogg-opus", "m4a", "wav"];
const DECODABLE: readonly DecodableFormat[] = ["mp3", "flac", "ogg-vorbis", "ogg-opus", "wav"];
const EXPECTED_CONTAINER: Record<AudioFormat, RegExp> = {
  mp3: /^MPEG$/,
  flac: /^FLAC$/,
  "ogg-vorbis": /^Ogg$/,
  "ogg-opus": /^Ogg$/,
  m4a: /^M4A/,
  wav: /^WAVE$/,
};
const EXPECTED_CODEC: Record<AudioFormat, RegExp> = {
  mp3: /MPEG 1 Layer 3/,
  flac: /FLAC/,
  "ogg-vorbis": /Vorbis/,
  "ogg-opus": /Opus/,
  m4a: /AAC/,
  wav: /PCM/,
};

describe.each(FORMATS)("renderTrack as %s", (format) => {
  it("writes every tag and the 250 px album cover", async () => {
    const track = makeTaggedTrack({ format });
    const { common, format: info } = await parseBuffer(renderer.renderTrack(track));

    expect(info.container).toMatch(EXPECTED_CONTAINER[format]);
    expect(info.codec).toMatch(EXPECTED_CODEC[format]);
    // An MP4 sample entry says 2 channels whatever the stream (ISO 14496-12);
    // the mono layout is in the AAC config, which music-metadata does not read.
    if (format !== "m4a") expect(info.numberOfChannels).toBe(1);
    expect(info.duration).toBeGreaterThan(2.95);
    // MP3 and AAC report their encoder padding, a few dozen ms.
    expect(info.duration).toBeLessThan(3.05);
    expect(common.title).toBe("Señales — de humo");
    expect(common.artist).toBe("Los Émulos");
    expect(common.albumartist).toBe("Various Artists");
    expect(common.album).toBe("Compilación 2004");
    expect(common.track).toEqual({ no: 3, of: 12 });
    expect(common.disk).toEqual({ no: 2, of: 3 });
    expect(common.year).toBe(2004);
    expect(common.genre).toEqual(["Cumbia"]);
    expect(common.picture).toHaveLength(1);
    expect(common.picture?.[0]?.format).toBe("image/png");
    expect(Buffer.from(common.picture?.[0]?.data ?? [])).toEqual(
      Buffer.from(renderCoverArt("Compilación 2004", 250)),
    );
  });

  it("embeds no picture when the track has no cover", async () => {
    const { common } = await parseBuffer(
      renderer.renderTrack(makeTaggedTrack({ format, hasCover: false })),
    );
    expect(common.picture).toBeUndefined();
    expect(common.title).toBe("Señales — de humo");
  });

  it("renders equal facts to identical bytes, even from another renderer", () => {
    const track = makeTaggedTrack({ format, index: 30 });
    const first = renderer.renderTrack(track);
    expect(Buffer.from(createTrackRenderer().renderTrack({ ...track }))).toEqual(
      Buffer.from(first),
    );
    expect(
      Buffer.from(renderer.renderTrack(makeTaggedTrack({ format, index: 30, title: "Other" }))),
    ).not.toEqual(Buffer.from(first));
  });
});

describe.each(DECODABLE)("the audio of a %s track", (format) => {
  it.each([0, 13, 23])("plays the tone of track %i and no other", async (index) => {
    const decoded = await decodeAudio(
      format,
      renderer.renderTrack(makeTaggedTrack({ format, index })),
    );
    expect(decoded.errorCount).toBe(0);
    expect(decoded.samples.length / decoded.sampleRate).toBeGreaterThan(2.95);
    const tone = detectTone(decoded.samples, decoded.sampleRate);
    expect(tone.frequencyHz).toBe(toneForTrack(index));
    expect(tone.dominance).toBeGreaterThan(100);
  });

  it("plays a different tone for the next track", async () => {
    const a = await decodeAudio(
      format,
      renderer.renderTrack(makeTaggedTrack({ format, index: 4 })),
    );
    const b = await decodeAudio(
      format,
      renderer.renderTrack(makeTaggedTrack({ format, index: 5 })),
    );
    expect(detectTone(a.samples, a.sampleRate).frequencyHz).toBe(TONE_FREQUENCIES_HZ[4]);
    expect(detectTone(b.samples, b.sampleRate).frequencyHz).toBe(TONE_FREQUENCIES_HZ[5]);
  });
});

describe("renderTrack's checks", () => {
  it("rejects a frequency outside the tone plan", () => {
    expect(() => renderer.renderTrack(makeTaggedTrack({ frequencyHz: 300 }))).toThrow(
      /300 Hz is not one/,
    );
  });

  it("rejects a duration it cannot render", () => {
    expect(() => renderer.renderTrack(makeTaggedTrack({ durationMs: 5000 }))).toThrow(/3000 ms/);
  });

  it("rejects a track number that does not fit the tags", () => {
    expect(() => renderer.renderTrack(makeTaggedTrack({ trackNumber: 0 }))).toThrow(/trackNumber/);
    expect(() => renderer.renderTrack(makeTaggedTrack({ discCount: 70_000 }))).toThrow(/discCount/);
  });

  it("rejects an unknown format", () => {
    expect(() =>
      renderer.renderTrack(makeTaggedTrack({ format: "aiff" as unknown as AudioFormat })),
    ).toThrow(/Unknown audio format "aiff"/);
  });
});

describe("renderLyrics", () => {
  it("is the renderer's LRC sidecar", () => {
    const text = new TextDecoder().decode(renderer.renderLyrics(makeTaggedTrack()));
    expect(text).toMatch(/^\[ar:Los Émulos\]\n\[ti:Señales — de humo\]\n/);
  });
});
