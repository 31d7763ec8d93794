/**
 * Decodes rendered files with the real WASM decoders (devDependencies), so
 * tests can check the audio rather than trust the writers. Test-only: the
 * package entry does not import this file.
 */
import { FLACDecoder } from "@wasm-audio-decoders/flac";
import { OggVorbisDecoder } from "@wasm-audio-decoders/ogg-vorbis";
import { MPEGDecoder } from "mpg123-decoder";
import { OggOpusDecoder } from "ogg-opus-decoder";
import type { AudioFormat } from "../library/library-types.js";
import { readLatin1, readU32le } from "./byte-writer.js";

/** Decoded mono audio. */
export interface DecodedAudio {
  samples: Float32Array;
  sampleRate: number;
  /** Decoder-reported errors (damaged frames, bad checksums). */
  errorCount: number;
}

/** Formats this helper can decode: everything but M4A (no AAC decoder in Node). */
export type DecodableFormat = Exclude<AudioFormat, "m4a">;

/** Decodes a whole file; `samples` is the first channel. */
export async function decodeAudio(
  format: DecodableFormat,
  bytes: Uint8Array,
): Promise<DecodedAudio> {
  switch (format) {
    case "wav":
      return decodeWav(bytes);
    case "mp3":
      return withDecoder(new MPEGDecoder(), (decoder) => decoder.decode(bytes));
    case "flac":
      return withDecoder(new FLACDecoder(), (decoder) => decoder.decodeFile(bytes));
    case "ogg-vorbis":
      return withDecoder(new OggVorbisDecoder(), (decoder) => decoder.decodeFile(bytes));
    case "ogg-opus":
      // Not decodeFile: its flush() treats a cut-off last page as whole and
      // emits seconds of garbage for a truncated file. Without the flush, the
      // intact file loses only the decoder's 312-sample (6.5 ms) delay.
      return withDecoder(new OggOpusDecoder(), (decoder) => decoder.decode(bytes));
  }
}

interface WasmDecoder {
  ready: Promise<void>;
  free(): void;
}

interface WasmResult {
  channelData: Float32Array[];
  sampleRate: number;
  errors: unknown[];
}

async function withDecoder<D extends WasmDecoder>(
  decoder: D,
  run: (decoder: D) => WasmResult | Promise<WasmResult>,
): Promise<DecodedAudio> {
  await decoder.ready;
  try {
    const result = await run(decoder);
    return {
      samples: result.channelData[0] ?? new Float32Array(0),
      sampleRate: result.sampleRate,
      errorCount: result.errors.length,
    };
  } finally {
    decoder.free();
  }
}

/** Reads the `data` chunk of a 16-bit mono PCM WAV. */
function decodeWav(bytes: Uint8Array): DecodedAudio {
  if (readLatin1(bytes, 0, 4) !== "RIFF" || readLatin1(bytes, 8, 4) !== "WAVE") {
    throw new Error("Not a WAV file.");
  }
  let sampleRate = 0;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = readLatin1(bytes, offset, 4);
    const size = readU32le(bytes, offset + 4);
    const body = offset + 8;
    if (id === "fmt ") sampleRate = readU32le(bytes, body + 4);
    if (id === "data") {
      const available = Math.min(size, bytes.length - body) & ~1;
      const view = new DataView(bytes.buffer, bytes.byteOffset + body, available);
      const samples = new Float32Array(available / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
      return { samples, sampleRate, errorCount: 0 };
    }
    offset = body + size + (size % 2);
  }
  throw new Error("The WAV has no data chunk.");
}
