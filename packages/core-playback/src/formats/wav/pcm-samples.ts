/**
 * Interleaved little-endian PCM to one Float32Array per channel in -1..1.
 */
import type { WavSampleFormat } from "./wav-format.js";

/**
 * Converts whole frames of `bytes` (a trailing partial frame is ignored).
 * Integers scale by 2^(bits-1) (8-bit is unsigned, centred on 128).
 */
export function pcmToFloat(bytes: Uint8Array, format: WavSampleFormat): Float32Array[] {
  const { channels, blockAlign, bytesPerSample, kind } = format;
  const frames = Math.floor(bytes.length / blockAlign);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(view, bytes, kind, bytesPerSample);
  for (let c = 0; c < channels; c++) {
    const channel = out[c] as Float32Array;
    let offset = c * bytesPerSample;
    for (let frame = 0; frame < frames; frame++) {
      channel[frame] = read(offset);
      offset += blockAlign;
    }
  }
  return out;
}

function sampleReader(
  view: DataView,
  bytes: Uint8Array,
  kind: WavSampleFormat["kind"],
  size: WavSampleFormat["bytesPerSample"],
): (offset: number) => number {
  if (kind === "float") {
    return size === 8
      ? (offset) => view.getFloat64(offset, true)
      : (offset) => view.getFloat32(offset, true);
  }
  switch (size) {
    case 1:
      return (offset) => ((bytes[offset] ?? 128) - 128) / 128;
    case 2:
      return (offset) => view.getInt16(offset, true) / 32_768;
    case 3:
      return (offset) => {
        const value =
          (bytes[offset] ?? 0) | ((bytes[offset + 1] ?? 0) << 8) | ((bytes[offset + 2] ?? 0) << 16);
        // Sign-extend the 24-bit value.
        return ((value << 8) >> 8) / 8_388_608;
      };
    default:
      return (offset) => view.getInt32(offset, true) / 2_147_483_648;
  }
}
