/**
 * What the Ogg stream needs from a codec (Vorbis, Opus): its identification
 * header read, a decoder that takes raw packets, and the facts that place
 * granule positions on the PCM timeline.
 */
import type { SniffedFormat } from "../../format-sniffer.js";

/** PCM from the packets of one page, one array per channel. */
export interface OggDecodedPackets {
  channels: Float32Array[];
  /** Some packets could not be decoded (their samples are missing). */
  failed: boolean;
}

/** A codec decoder fed whole packets in stream order. */
export interface OggPacketDecoder {
  decode(packets: Uint8Array[]): Promise<OggDecodedPackets>;
  /** Starts over with the stream headers re-fed, for decoding from another page. */
  reset(): Promise<void>;
  free(): void;
}

/** A codec recognised from the first packet of an Ogg stream. */
export interface OggCodec {
  codec: "vorbis" | "opus";
  format: SniffedFormat;
  sampleRate: number;
  channels: number;
  /** Header packets before the first audio packet (all of them are kept for resets). */
  headerPacketCount: number;
  /** Granule units before the first sample of the track (Opus pre-skip). */
  granuleOffset: number;
  /** Frames to decode and throw away before a seek target, for the decoder to settle. */
  seekPreRoll: number;
  /** Makes a decoder primed with the header packets. */
  createDecoder(headers: Uint8Array[]): Promise<OggPacketDecoder>;
}

/** Joins per-packet channel arrays into one array per channel. */
export function joinChannels(parts: Float32Array[][], channelCount: number): Float32Array[] {
  return Array.from({ length: channelCount }, (_, channel) => {
    let length = 0;
    for (const part of parts) length += part[channel]?.length ?? 0;
    const joined = new Float32Array(length);
    let offset = 0;
    for (const part of parts) {
      const data = part[channel];
      if (data === undefined) continue;
      joined.set(data, offset);
      offset += data.length;
    }
    return joined;
  });
}
