/**
 * Opening an MP3: skip leading ID3v2 tags without reading them, find the
 * first frame, read its Xing/Info/VBRI header, start the decoder.
 */
import { PlayerError } from "@player/core-runtime";
import type { ByteReader, OpenStreamOptions } from "../../decoding/decode-contract.js";
import { findFrameSync } from "./frame-sync.js";
import { Mp3DecodeStream } from "./mp3-decode-stream.js";
import { describeLayout } from "./mp3-layout.js";
import { ID3V2_HEADER_LENGTH, id3v2TagLength } from "./mp3-tags.js";
import { Mpg123FrameDecoder } from "./mpg123-frame-decoder.js";
import { SequentialByteWindow } from "./sequential-byte-window.js";
import { parseVbrHeader } from "./vbr-header.js";

/** Tuning of the MP3 module; the defaults suit playback. */
export interface Mp3ModuleOptions {
  /**
   * A seek this many bytes or fewer past the indexed frames reads every
   * header on the way (exact) instead of jumping through the Xing/VBRI table
   * (an estimate). Default 256 KiB.
   */
  forwardScanLimitBytes?: number;
}

const DEFAULT_CHUNK_BYTES = 64 * 1024;
const DEFAULT_FIRST_CHUNK_BYTES = 16 * 1024;
const DEFAULT_FORWARD_SCAN_LIMIT_BYTES = 256 * 1024;
/** How far past the tags the first frame may be before the file is judged not MP3. */
const FIRST_FRAME_SEARCH_BYTES = 64 * 1024;
/** Chained ID3v2 tags are rare; the bound keeps hostile input from looping. */
const MAX_LEADING_TAGS = 4;
/** Headers that must follow the first one, exactly where the lengths say. */
const FIRST_FRAME_CHAIN = 2;

/**
 * Opens an MP3 for decoding: reads `firstChunkBytes`, then more only as needed.
 *
 * @throws PlayerError `playback/unsupported-format` when no chain of MPEG
 * audio frames starts near the beginning; `playback/decode-failed` when
 * mpg123 cannot be loaded.
 */
export async function openMp3Stream(
  reader: ByteReader,
  options: OpenStreamOptions = {},
  moduleOptions: Mp3ModuleOptions = {},
): Promise<Mp3DecodeStream> {
  const chunkBytes = Math.max(1024, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  const firstChunkBytes = Math.max(1024, options.firstChunkBytes ?? DEFAULT_FIRST_CHUNK_BYTES);
  const signal = options.signal;
  const window = new SequentialByteWindow(reader, chunkBytes, firstChunkBytes);
  await window.readMore(signal);
  const audioStart = await skipLeadingTags(window, firstChunkBytes, signal);
  const sync = await findFrameSync(window, audioStart, {
    chain: FIRST_FRAME_CHAIN,
    limit: FIRST_FRAME_SEARCH_BYTES,
    stopAtTags: false,
    signal,
  });
  if (sync?.kind !== "frame") {
    throw new PlayerError("playback/unsupported-format", "No MPEG audio frames were found.", {
      details: { searchedFrom: audioStart },
    });
  }
  const { header, offset } = sync;
  await window.ensure(offset, header.frameLength, signal);
  const vbr = parseVbrHeader(window.bytes, offset - window.start, header);
  const layout = describeLayout(offset, header, vbr);
  const decoder = await Mpg123FrameDecoder.create();
  return new Mp3DecodeStream({
    info: {
      format: "mp3",
      codec: header.layer === 3 ? "mp3" : header.layer === 2 ? "mp2" : "mp1",
      sampleRate: header.sampleRate,
      channels: header.channels,
      totalFrames: layout.totalFrames,
    },
    layout,
    window,
    decoder,
    chunkBytes,
    forwardScanLimitBytes: moduleOptions.forwardScanLimitBytes ?? DEFAULT_FORWARD_SCAN_LIMIT_BYTES,
  });
}

/** Skips ID3v2 tags at the start; a tag longer than the buffer is jumped over, not read. */
async function skipLeadingTags(
  window: SequentialByteWindow,
  firstChunkBytes: number,
  signal?: AbortSignal,
): Promise<number> {
  let position = 0;
  for (let tags = 0; tags < MAX_LEADING_TAGS; tags++) {
    await window.ensure(position, ID3V2_HEADER_LENGTH, signal);
    const length = id3v2TagLength(window.bytes, position - window.start);
    if (length === undefined) break;
    position += length;
    // No sound yet: the read after a big tag is as small as the first one.
    if (position > window.end) window.jump(position, firstChunkBytes);
    else window.release(position);
  }
  return position;
}
