/**
 * Opus in Ogg (RFC 7845): the OpusHead header and a decoder over the
 * `opus-decoder` WASM build (raw packets; pre-skip is applied by the stream
 * through granule positions, not by the decoder).
 */
import { PlayerError } from "@player/core-runtime";
import type { OpusDecoder } from "opus-decoder";
import type { OggCodec, OggDecodedPackets, OggPacketDecoder } from "./ogg-codec.js";
import { joinChannels } from "./ogg-codec.js";

/** 80 ms at 48 kHz: what RFC 7845 asks to decode before a seek target. */
const OPUS_PRE_ROLL = 3840;

interface OpusHead {
  channels: number;
  preSkip: number;
  /** Output gain in dB. */
  gainDb: number;
  streamCount: number;
  coupledStreamCount: number;
  mapping: number[];
}

/** Reads an `OpusHead` packet, or `undefined` when the packet is not one. */
export function parseOpusHead(packet: Uint8Array): OpusHead | undefined {
  if (packet.length < 19 || String.fromCharCode(...packet.subarray(0, 8)) !== "OpusHead") {
    return undefined;
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const version = view.getUint8(8);
  const channels = view.getUint8(9);
  if (version >> 4 !== 0 || channels === 0) return undefined;
  const family = view.getUint8(18);
  const head = {
    channels,
    preSkip: view.getUint16(10, true),
    gainDb: view.getInt16(16, true) / 256,
    streamCount: 1,
    coupledStreamCount: channels - 1,
    mapping: channels === 1 ? [0] : [0, 1],
  };
  if (family === 0) return channels <= 2 ? head : undefined;
  if (packet.length < 21 + channels) return undefined;
  return {
    ...head,
    streamCount: view.getUint8(19),
    coupledStreamCount: view.getUint8(20),
    mapping: Array.from(packet.subarray(21, 21 + channels)),
  };
}

/** The Opus {@link OggCodec} for a stream whose first packet is `head`. */
export function opusCodec(head: OpusHead): OggCodec {
  return {
    codec: "opus",
    format: "ogg-opus",
    sampleRate: 48_000,
    channels: head.channels,
    headerPacketCount: 2,
    granuleOffset: head.preSkip,
    seekPreRoll: OPUS_PRE_ROLL,
    createDecoder: () => OpusPacketDecoder.create(head),
  };
}

class OpusPacketDecoder implements OggPacketDecoder {
  private readonly gain: number;

  private constructor(
    private readonly decoder: OpusDecoder,
    private readonly head: OpusHead,
  ) {
    this.gain = 10 ** (head.gainDb / 20);
  }

  static async create(head: OpusHead): Promise<OpusPacketDecoder> {
    try {
      const { OpusDecoder } = await import("opus-decoder");
      const decoder = new OpusDecoder({
        channels: head.channels,
        streamCount: head.streamCount,
        coupledStreamCount: head.coupledStreamCount,
        channelMappingTable: head.mapping,
        preSkip: 0,
      });
      await decoder.ready;
      return new OpusPacketDecoder(decoder, head);
    } catch (error) {
      throw new PlayerError("playback/decode-failed", "Could not start the Opus decoder.", {
        fatal: true,
        cause: error,
      });
    }
  }

  async decode(packets: Uint8Array[]): Promise<OggDecodedPackets> {
    const parts: Float32Array[][] = [];
    let failed = false;
    // The decoder's input buffer holds 120 ms at 256 kbit/s per channel; larger is not Opus.
    const maxPacketBytes = 3840 * this.head.channels;
    for (const packet of packets) {
      if (packet.length === 0 || packet.length > maxPacketBytes) {
        failed = true;
        continue;
      }
      const decoded = this.decoder.decodeFrame(packet);
      if (decoded.errors.length > 0) failed = true;
      parts.push(decoded.channelData);
    }
    const channels = joinChannels(parts, this.head.channels);
    if (this.gain !== 1)
      for (const channel of channels)
        for (let i = 0; i < channel.length; i++) channel[i] = (channel[i] ?? 0) * this.gain;
    return { channels, failed };
  }

  async reset(): Promise<void> {
    await this.decoder.reset();
  }

  free(): void {
    this.decoder.free();
  }
}
