/**
 * Opens an Ogg stream: checks the first page, recognises the codec from the
 * first packet, collects the header packets (kept to prime fresh decoders
 * after a seek) and reads the file's tail for its length, in parallel.
 */
import { PlayerError } from "@player/core-runtime";
import { chunkSizeOption } from "../../decoding/chunk-size-option.js";
import type {
  ByteReader,
  DecodeStream,
  OpenStreamOptions,
} from "../../decoding/decode-contract.js";
import type { OggCodec } from "./ogg-codec.js";
import { OggDecodeStream } from "./ogg-decode-stream.js";
import { OggPacketAssembler } from "./ogg-packet-assembler.js";
import { OggPageStream } from "./ogg-page-stream.js";
import { readLastGranule } from "./ogg-seek.js";
import { opusCodec, parseOpusHead } from "./opus-codec.js";
import { parseVorbisIdentification, vorbisCodec } from "./vorbis-codec.js";

const DEFAULT_CHUNK_BYTES = 64 * 1024;
const DEFAULT_FIRST_CHUNK_BYTES = 16 * 1024;
// Header packets may span many pages (cover art in the comments) but not endlessly.
const MAX_HEADER_PAGES = 4096;

/** Opens an Ogg Vorbis or Ogg Opus stream (whichever the file holds). */
export async function openOggStream(
  reader: ByteReader,
  options: OpenStreamOptions = {},
): Promise<DecodeStream> {
  const signal = options.signal;
  const pages = new OggPageStream(reader, {
    firstChunkBytes: chunkSizeOption(options.firstChunkBytes, DEFAULT_FIRST_CHUNK_BYTES),
    chunkBytes: chunkSizeOption(options.chunkBytes, DEFAULT_CHUNK_BYTES),
  });
  const first = await pages.next(signal);
  if (first.kind !== "page" || first.offset !== 0 || !first.page.beginsStream) {
    throw new PlayerError("playback/unsupported-format", "The file is not an Ogg stream.", {
      fatal: true,
    });
  }
  const serial = first.page.serial;
  pages.serial = serial;
  // The tail read runs while the headers are read and the decoder loads.
  const lastGranule = readLastGranule(reader, serial, signal).catch(() => undefined);
  const assembler = new OggPacketAssembler();
  const headers = assembler.push(first.page);
  const codec = identifyCodec(headers[0]);

  for (
    let count = 0;
    headers.length < codec.headerPacketCount && count < MAX_HEADER_PAGES;
    count++
  ) {
    const read = await pages.next(signal);
    if (read.kind === "end") {
      throw new PlayerError("playback/truncated", "The Ogg file ends inside its headers.", {
        fatal: true,
      });
    }
    headers.push(...assembler.push(read.page));
  }
  if (headers.length < codec.headerPacketCount) {
    throw new PlayerError("playback/decode-failed", "The Ogg headers never end.", { fatal: true });
  }
  const decoder = await codec.createDecoder(headers.slice(0, codec.headerPacketCount));
  const layout = { serial, dataStart: pages.position, lastGranule: await lastGranule };
  return new OggDecodeStream(reader, pages, codec, decoder, layout);
}

function identifyCodec(packet: Uint8Array | undefined): OggCodec {
  const vorbis = packet && parseVorbisIdentification(packet);
  if (vorbis) return vorbisCodec(vorbis);
  const opus = packet && parseOpusHead(packet);
  if (opus) return opusCodec(opus);
  const name = packet
    ? String.fromCharCode(...packet.subarray(0, 8)).replace(/[^\x20-\x7e]/g, "?")
    : "";
  throw new PlayerError(
    "playback/unsupported-codec",
    `The Ogg stream's codec is not supported (${name}).`,
    {
      fatal: true,
      details: { firstPacket: name },
    },
  );
}
