/**
 * MPEG audio frame headers (MPEG 1, 2 and 2.5; layers I, II and III): the
 * four bytes that say how long a frame is and what it decodes to.
 */

/** What one frame header says. */
export interface MpegFrameHeader {
  /** 1 for MPEG 1, 2 for MPEG 2, 2.5 for MPEG 2.5. */
  version: 1 | 2 | 2.5;
  layer: 1 | 2 | 3;
  /** Kilobits per second. */
  bitrateKbps: number;
  sampleRate: number;
  padding: boolean;
  /** 0 stereo, 1 joint stereo, 2 dual channel, 3 mono. */
  channelMode: 0 | 1 | 2 | 3;
  channels: 1 | 2;
  /** Whole frame in bytes, header included. */
  frameLength: number;
  /** PCM frames (samples per channel) the frame decodes to. */
  samplesPerFrame: number;
  /** Bytes of layer III side information after the header (and CRC), where a Xing header starts. */
  sideInfoLength: number;
  hasCrc: boolean;
}

/** The header's fixed size in bytes. */
export const MPEG_HEADER_LENGTH = 4;

// Bitrates in kbps by [MPEG 1 | MPEG 2/2.5][layer - 1][index]; index 0 is free format, 15 invalid.
const BITRATES: readonly (readonly (readonly number[])[])[] = [
  [
    [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  ],
  [
    [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  ],
];

const MPEG1_SAMPLE_RATES = [44_100, 48_000, 32_000] as const;

/**
 * Parses the frame header at `offset`.
 *
 * @returns The header, or `undefined` when the bytes are not a valid header
 * (no sync, reserved version/layer/sample rate, free-format or invalid bitrate).
 */
export function parseMpegFrameHeader(
  bytes: Uint8Array,
  offset: number,
): MpegFrameHeader | undefined {
  if (offset < 0 || offset + MPEG_HEADER_LENGTH > bytes.length) return undefined;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  const b3 = bytes[offset + 3] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return undefined;
  const versionBits = (b1 >> 3) & 0b11;
  const layerBits = (b1 >> 1) & 0b11;
  const bitrateIndex = b2 >> 4;
  const sampleRateIndex = (b2 >> 2) & 0b11;
  // Emphasis 0b10 is reserved: rejecting it removes more false syncs inside audio data.
  if (versionBits === 0b01 || layerBits === 0 || sampleRateIndex === 3 || (b3 & 0b11) === 0b10) {
    return undefined;
  }
  if (bitrateIndex === 0 || bitrateIndex === 15) return undefined;
  const version = versionBits === 0b11 ? 1 : versionBits === 0b10 ? 2 : 2.5;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const bitrateKbps = BITRATES[version === 1 ? 0 : 1]?.[layer - 1]?.[bitrateIndex] ?? 0;
  const baseRate = MPEG1_SAMPLE_RATES[sampleRateIndex] ?? 44_100;
  const sampleRate = version === 1 ? baseRate : version === 2 ? baseRate / 2 : baseRate / 4;
  const padding = ((b2 >> 1) & 1) === 1;
  const channelMode = (b3 >> 6) as 0 | 1 | 2 | 3;
  const channels = channelMode === 3 ? 1 : 2;
  const samplesPerFrame = layer === 1 ? 384 : layer === 3 && version !== 1 ? 576 : 1152;
  const frameLength =
    layer === 1
      ? (Math.floor((12_000 * bitrateKbps) / sampleRate) + (padding ? 1 : 0)) * 4
      : Math.floor(((samplesPerFrame / 8) * 1000 * bitrateKbps) / sampleRate) + (padding ? 1 : 0);
  const hasCrc = (b1 & 1) === 0;
  const sideInfo =
    layer !== 3 ? 0 : version === 1 ? (channels === 1 ? 17 : 32) : channels === 1 ? 9 : 17;
  return {
    version,
    layer,
    bitrateKbps,
    sampleRate,
    padding,
    channelMode,
    channels,
    frameLength,
    samplesPerFrame,
    sideInfoLength: sideInfo + (hasCrc ? 2 : 0),
    hasCrc,
  };
}

/** True when `other` can follow `first` in one stream (same version, layer and sample rate). */
export function isCompatibleHeader(first: MpegFrameHeader, other: MpegFrameHeader): boolean {
  return (
    first.version === other.version &&
    first.layer === other.layer &&
    first.sampleRate === other.sampleRate &&
    first.channels === other.channels
  );
}

/** The average frame length in bytes at this header's bitrate (padding spread out). */
export function averageFrameLength(header: MpegFrameHeader): number {
  return (header.samplesPerFrame * header.bitrateKbps * 1000) / 8 / header.sampleRate;
}
