/**
 * The `fmt ` chunk of a WAV file: how samples are stored. Integer PCM
 * (8-bit unsigned, 16/24/32-bit signed), IEEE float (32/64-bit), either
 * directly or as WAVE_FORMAT_EXTENSIBLE with a sub-format GUID.
 */
import { PlayerError } from "@player/core-runtime";

/** How one sample is stored. */
export interface WavSampleFormat {
  kind: "int" | "float";
  /** Bytes per sample in the file (the container size, which may exceed the valid bits). */
  bytesPerSample: 1 | 2 | 3 | 4 | 8;
  channels: number;
  sampleRate: number;
  /** Bytes per frame (all channels of one sample instant). */
  blockAlign: number;
  /** Significant bits per sample (from WAVE_FORMAT_EXTENSIBLE), for diagnostics. */
  validBits: number;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** The sub-format GUID's 14 bytes after its leading format tag (KSDATAFORMAT_SUBTYPE_*). */
const GUID_TAIL = [
  0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71,
];
const MAX_CHANNELS = 32;

/**
 * Reads a `fmt ` chunk body.
 *
 * @throws PlayerError `playback/unsupported-codec` for encodings other than
 * integer PCM and IEEE float (ADPCM, µ-law, …) or impossible sizes.
 */
export function parseWavFormat(body: Uint8Array): WavSampleFormat {
  if (body.length < 16) throw unsupported("The WAV format chunk is too short.");
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let tag = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const blockAlign = view.getUint16(12, true);
  const bitsPerSample = view.getUint16(14, true);
  let validBits = bitsPerSample;
  if (tag === WAVE_FORMAT_EXTENSIBLE) {
    if (body.length < 40) throw unsupported("The WAVE_FORMAT_EXTENSIBLE chunk is too short.");
    validBits = view.getUint16(18, true) || bitsPerSample;
    tag = view.getUint16(24, true);
    if (GUID_TAIL.some((byte, i) => body[26 + i] !== byte)) {
      throw unsupported("The WAV sub-format GUID is not a standard PCM or float one.");
    }
  }
  if (channels < 1 || channels > MAX_CHANNELS || sampleRate < 1) {
    throw unsupported(`The WAV has ${channels} channels at ${sampleRate} Hz.`);
  }
  const bytesPerSample = blockAlign / channels;
  const kind =
    tag === WAVE_FORMAT_PCM ? "int" : tag === WAVE_FORMAT_IEEE_FLOAT ? "float" : undefined;
  if (kind === undefined)
    throw unsupported(`WAV format tag 0x${tag.toString(16)} is not PCM or float.`);
  const intSizes = [1, 2, 3, 4];
  const floatSizes = [4, 8];
  if (!(kind === "int" ? intSizes : floatSizes).includes(bytesPerSample)) {
    throw unsupported(`${kind} WAV samples of ${bytesPerSample} bytes are not supported.`);
  }
  return {
    kind,
    bytesPerSample: bytesPerSample as WavSampleFormat["bytesPerSample"],
    channels,
    sampleRate,
    blockAlign,
    validBits,
  };
}

/** Codec name for diagnostics: `pcm-u8`, `pcm-s16`, `pcm-s24`, `pcm-s32`, `pcm-f32`, `pcm-f64`. */
export function wavCodecName(format: WavSampleFormat): string {
  const bits = format.bytesPerSample * 8;
  if (format.kind === "float") return `pcm-f${bits}`;
  return bits === 8 ? "pcm-u8" : `pcm-s${bits}`;
}

function unsupported(message: string): PlayerError {
  return new PlayerError("playback/unsupported-codec", message);
}
