/**
 * WAV files synthesized on the fly (16-bit PCM, 44.1 kHz, mono): no bank is
 * needed for a format that is a header around raw samples.
 */
import { TONE_DURATION_MS } from "../library/tone-plan.js";
import { ByteWriter, concatBytes, utf8Bytes } from "./byte-writer.js";
import { encodeId3v2Tag } from "./id3v2-tag.js";
import type { TaggedAudio, TrackTags } from "./track-tags.js";

/** The synthesized WAV's sample rate. */
export const WAV_SAMPLE_RATE = 44_100;
const UTF8_CODE_PAGE = 65_001;
/** Matches the tone bank: half full scale. */
const AMPLITUDE = 0.5;
/** Matches the tone bank: 10 ms linear fades, so the tone starts and ends without a click. */
const FADE_SAMPLES = WAV_SAMPLE_RATE / 100;

/**
 * The tone as 16-bit little-endian PCM samples, the same waveform the tone
 * bank script feeds its encoders.
 */
export function synthesizeTonePcm(frequencyHz: number): Uint8Array {
  const count = (WAV_SAMPLE_RATE * TONE_DURATION_MS) / 1000;
  const pcm = new Uint8Array(count * 2);
  const view = new DataView(pcm.buffer);
  for (let n = 0; n < count; n++) {
    const fade = Math.min(1, n / FADE_SAMPLES, (count - 1 - n) / FADE_SAMPLES);
    const sample = AMPLITUDE * fade * Math.sin((2 * Math.PI * frequencyHz * n) / WAV_SAMPLE_RATE);
    view.setInt16(n * 2, Math.round(sample * 32767), true);
  }
  return pcm;
}

/**
 * Wraps PCM in a RIFF/WAVE file with a LIST/INFO chunk (the tags every WAV
 * reader knows, in UTF-8 as its CSET chunk declares) and an `id3 ` chunk (for album artist, disc and cover, which
 * INFO has no fields for). Both come before `data` so a reader that fetches
 * only the start of the file still finds them.
 *
 * @param pcm - 16-bit little-endian mono samples at {@link WAV_SAMPLE_RATE}.
 */
export function writeWav(pcm: Uint8Array, tags: TrackTags): TaggedAudio {
  const format = new ByteWriter()
    .u16le(1) // PCM
    .u16le(1) // mono
    .u32le(WAV_SAMPLE_RATE)
    .u32le(WAV_SAMPLE_RATE * 2) // bytes per second
    .u16le(2) // block align
    .u16le(16) // bits per sample
    .toBytes();
  const info = concatBytes([
    utf8Bytes("INFO"),
    infoText("INAM", tags.title),
    infoText("IART", tags.artist),
    infoText("IPRD", tags.album),
    infoText("ICRD", String(tags.year).padStart(4, "0")),
    infoText("IGNR", tags.genre),
    infoText("ITRK", String(tags.trackNumber)),
  ]);
  const beforeData = concatBytes([
    chunk("fmt ", format),
    // INFO text defaults to Latin-1; CSET declares code page 65001 (UTF-8).
    chunk("CSET", new ByteWriter().u16le(UTF8_CODE_PAGE).u16le(0).u16le(0).u16le(0).toBytes()),
    chunk("LIST", info),
    chunk("id3 ", encodeId3v2Tag(tags)),
  ]);
  const data = chunk("data", pcm);
  const body = concatBytes([utf8Bytes("WAVE"), beforeData, data]);
  const bytes = concatBytes([new ByteWriter().latin1("RIFF").u32le(body.length).toBytes(), body]);
  // RIFF header (8) + "WAVE" (4) + the chunks before data + data's own header (8).
  const audioStart = 12 + beforeData.length + 8;
  return { bytes, audioStart, audioEnd: audioStart + pcm.length };
}

/** An INFO sub-chunk: NUL-terminated UTF-8 text. */
function infoText(id: string, text: string): Uint8Array {
  return chunk(id, concatBytes([utf8Bytes(text), Uint8Array.of(0)]));
}

/** A RIFF chunk, padded to an even length as RIFF requires (the pad is not counted). */
function chunk(id: string, payload: Uint8Array): Uint8Array {
  const writer = new ByteWriter().latin1(id).u32le(payload.length).bytes(payload);
  if (payload.length % 2 === 1) writer.u8(0);
  return writer.toBytes();
}
