/**
 * Vorbis in Ogg: the identification header and a decoder over the
 * `@wasm-audio-decoders/ogg-vorbis` WASM build, fed raw packets.
 */
import { PlayerError } from "@player/core-runtime";
import type { OggVorbisDecoder } from "@wasm-audio-decoders/ogg-vorbis";
import type { OggPage as ParsedOggPage } from "codec-parser";
import type { OggCodec, OggDecodedPackets, OggPacketDecoder } from "./ogg-codec.js";

interface VorbisIdentification {
  channels: number;
  sampleRate: number;
}

// The decoder copies each packet into a 128 KiB input buffer.
const MAX_PACKET_BYTES = 128 * 1024;

/** Reads a Vorbis identification header, or `undefined` when the packet is not one. */
export function parseVorbisIdentification(packet: Uint8Array): VorbisIdentification | undefined {
  if (
    packet.length < 30 ||
    packet[0] !== 1 ||
    String.fromCharCode(...packet.subarray(1, 7)) !== "vorbis"
  ) {
    return undefined;
  }
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const channels = view.getUint8(11);
  const sampleRate = view.getUint32(12, true);
  if (view.getUint32(7, true) !== 0 || channels === 0 || sampleRate === 0) return undefined;
  return { channels, sampleRate };
}

/** The Vorbis {@link OggCodec} for a stream with identification header `id`. */
export function vorbisCodec(id: VorbisIdentification): OggCodec {
  return {
    codec: "vorbis",
    format: "ogg-vorbis",
    sampleRate: id.sampleRate,
    channels: id.channels,
    headerPacketCount: 3,
    granuleOffset: 0,
    // Overlap needs the packet before the target, which decoding from the page
    // holding the last granule at or before the target provides.
    seekPreRoll: 0,
    createDecoder: (headers) => VorbisPacketDecoder.create(headers, id.channels),
  };
}

/**
 * The package decodes codec-parser pages; these stand-ins carry exactly the
 * fields it reads (`data`, `codecFrames[].data`, `header.vorbisSetup`), so raw
 * packets can be fed and the same decoder primed again after a seek.
 */
function pagesOf(identification: Uint8Array, setup: Uint8Array, packets: Uint8Array[]) {
  const first = { data: identification, codecFrames: [] };
  const audio = {
    data: new Uint8Array([0]),
    codecFrames: packets.map((data) => ({ data, header: { vorbisSetup: setup } })),
  };
  return [first, audio] as unknown as ParsedOggPage[];
}

class VorbisPacketDecoder implements OggPacketDecoder {
  private primed = false;

  private constructor(
    private readonly decoder: OggVorbisDecoder,
    private readonly identification: Uint8Array,
    private readonly setup: Uint8Array,
    private readonly channelCount: number,
  ) {}

  static async create(headers: Uint8Array[], channels: number): Promise<VorbisPacketDecoder> {
    const [identification, , setup] = headers;
    if (identification === undefined || setup === undefined || setup[0] !== 5) {
      throw new PlayerError("playback/decode-failed", "The Vorbis setup header is missing.", {
        fatal: true,
      });
    }
    try {
      const { OggVorbisDecoder } = await import("@wasm-audio-decoders/ogg-vorbis");
      const decoder = new OggVorbisDecoder();
      await decoder.ready;
      return new VorbisPacketDecoder(decoder, identification, setup, channels);
    } catch (error) {
      throw new PlayerError("playback/decode-failed", "Could not start the Vorbis decoder.", {
        fatal: true,
        cause: error,
      });
    }
  }

  async decode(packets: Uint8Array[]): Promise<OggDecodedPackets> {
    const usable = packets.filter(
      (packet) => packet.length > 0 && packet.length <= MAX_PACKET_BYTES,
    );
    let failed = usable.length < packets.length;
    // The first call also sends the identification and setup headers.
    const pages = pagesOf(this.identification, this.setup, usable);
    const decoded = await this.decoder.decodeOggPages(this.primed ? pages.slice(1) : pages);
    this.primed = true;
    if (decoded.errors.length > 0) failed = true;
    const channels =
      decoded.channelData.length === this.channelCount
        ? decoded.channelData
        : Array.from({ length: this.channelCount }, () => new Float32Array(0));
    return { channels, failed };
  }

  async reset(): Promise<void> {
    await this.decoder.reset();
    this.primed = false;
  }

  free(): void {
    this.decoder.free();
  }
}
