/** The first packet of an Ogg Vorbis or Opus stream, and the magic of its comment packet. */

/** Stream facts from the identification header. */
export interface OggIdentification {
  /** The codec name music-metadata reports: "Vorbis I" or "Opus". */
  codec: "Vorbis I" | "Opus";
  /** Vorbis: the stream's rate. Opus: the input rate the header records (playback is 48 kHz). */
  sampleRate: number;
  channels: number;
  /** Vorbis' nominal bitrate, when the encoder set one. */
  nominalBitrate: number | undefined;
  /** Opus: samples at 48 kHz to drop from the start; 0 for Vorbis. */
  preSkip: number;
  /** Rate of the granule positions: what divides them into seconds. */
  granuleRate: number;
  /** The bytes the comment packet starts with. */
  commentMagic: Uint8Array;
}

const VORBIS_MAGIC = [0x76, 0x6f, 0x72, 0x62, 0x69, 0x73]; // "vorbis"
const OPUS_HEAD = [0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64]; // "OpusHead"
const OPUS_TAGS = Uint8Array.of(0x4f, 0x70, 0x75, 0x73, 0x54, 0x61, 0x67, 0x73); // "OpusTags"
const OPUS_RATE = 48_000;

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return prefix.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * Parses a Vorbis or Opus identification packet.
 *
 * @returns undefined for any other codec (Ogg FLAC, Speex, Theora…) or a
 * packet too short to hold the fields.
 */
export function parseOggIdentification(packet: Uint8Array): OggIdentification | undefined {
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  if (packet[0] === 1 && startsWith(packet, VORBIS_MAGIC, 1) && packet.length >= 28) {
    const sampleRate = view.getUint32(12, true);
    const nominal = view.getInt32(20, true);
    return {
      codec: "Vorbis I",
      sampleRate,
      channels: packet[11] ?? 0,
      nominalBitrate: nominal > 0 ? nominal : undefined,
      preSkip: 0,
      granuleRate: sampleRate,
      commentMagic: Uint8Array.of(3, ...VORBIS_MAGIC),
    };
  }
  if (startsWith(packet, OPUS_HEAD) && packet.length >= 19) {
    return {
      codec: "Opus",
      sampleRate: view.getUint32(12, true),
      channels: packet[9] ?? 0,
      nominalBitrate: undefined,
      preSkip: view.getUint16(10, true),
      granuleRate: OPUS_RATE,
      commentMagic: OPUS_TAGS,
    };
  }
  return undefined;
}
