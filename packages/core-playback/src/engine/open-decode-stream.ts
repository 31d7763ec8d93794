import { PlayerError } from "@player/core-runtime";
import type { ByteReader, DecodeStream, OpenStreamOptions } from "../decoding/decode-contract.js";
import { type SniffedFormat, sniffFormat } from "../format-sniffer.js";
import { type FormatLoader, loaderFor } from "./format-registry.js";

/** Bytes read to recognise a format (a block the reader caches, so the decoder reads it again for free). */
const SNIFF_BYTES = 16 * 1024;

/** A decode stream and the format it was opened as. */
export interface OpenedStream {
  format: SniffedFormat;
  stream: DecodeStream;
}

/**
 * Recognises a file's format from its first bytes (never its name) and opens
 * the matching decoding module over it.
 *
 * @throws PlayerError `playback/unsupported-format` when the bytes are no
 * audio the player knows; `playback/unsupported-codec` when no decoder exists.
 */
export async function openDecodeStream(
  reader: ByteReader,
  options: OpenStreamOptions & { loaders?: Partial<Record<SniffedFormat, FormatLoader>> } = {},
): Promise<OpenedStream> {
  const head = await reader.read(0, SNIFF_BYTES, options.signal);
  const format = sniffFormat(head);
  if (format === undefined) {
    throw new PlayerError(
      "playback/unsupported-format",
      head.length === 0
        ? "The file is empty"
        : "The file is not audio in a format the player knows",
      { details: { bytes: head.length } },
    );
  }
  const module = await loaderFor(format, options.loaders)();
  const { loaders: _loaders, ...openOptions } = options;
  return { format, stream: await module.open(reader, openOptions) };
}
